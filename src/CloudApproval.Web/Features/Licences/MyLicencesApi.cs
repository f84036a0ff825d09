using System.Security.Claims;
using CloudApproval.Cases.Licences;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CloudApproval.Web.Features.Licences;

/// <summary><c>/api/my/licences</c>: the signed-in applicant's licences, each with its sealed content and its QR code.</summary>
public static class MyLicencesApi
{
    public static RouteGroupBuilder MapMyLicencesApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/my/licences").WithTags("Licences").RequireAuthorization(Policies.Applicants);
        group.MapGet("/", ListAsync).WithSummary("The caller's licences, newest first");
        group.MapGet("/{number}", GetAsync).WithSummary("One of the caller's licences (sealed content, status, delivery)").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{number}/qr.png", QrAsync).WithSummary("The licence's QR code (PNG): its public verification address").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<LicenceDetail>>> ListAsync(ClaimsPrincipal user, LicenceList licences, CancellationToken ct) =>
        TypedResults.Ok(await licences.MineAsync(user.ToActor(), ct));

    private static async Task<Ok<LicenceDetail>> GetAsync(string number, ClaimsPrincipal user, LicenceList licences, CancellationToken ct) =>
        TypedResults.Ok(await licences.GetAsync(number, user.ToActor(), ct));

    private static async Task<FileContentHttpResult> QrAsync(string number, ClaimsPrincipal user, HttpRequest request, LicenceList licences,
        IOptions<WebSettings> settings, CancellationToken ct)
    {
        var licence = await licences.GetAsync(number, user.ToActor(), ct);
        var baseUrl = settings.Value.PublicBaseUrl is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host}";
        return TypedResults.File(LicenceQr.Png(LicenceQr.VerificationUrl(baseUrl, licence.Number)), "image/png");
    }
}
