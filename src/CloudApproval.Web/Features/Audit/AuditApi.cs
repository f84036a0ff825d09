using System.Security.Claims;
using CloudApproval.Cases.Audit;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudApproval.Web.Features.Audit;

/// <summary>Whole-database checks for auditors: every chain and row digest, every definition's hash, and cross-table consistency.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/audit").WithTags("Audit");
        group.MapGet("/verify", VerifyAsync).RequireAuthorization(Policies.Auditors)
            .WithSummary("Verify every case's audit chain and rows, and every stored definition's content hash");
        group.MapGet("/consistency", ConsistencyAsync).RequireAuthorization(Policies.Auditors)
            .WithSummary("Cross-check engine states against task and timer rows, and audit trails against double application");
        group.MapGet("/report", ReportAsync).RequireAuthorization(Policies.Auditors)
            .WithSummary("The whole-system verification report: chains and rows, definitions and consistency, each broken case's first broken link");
        return api;
    }

    /// <summary>The verification of the whole database.</summary>
    /// <param name="Intact">True when every chain, row and definition verifies.</param>
    /// <param name="Cases">Cases verified.</param>
    /// <param name="Broken">The cases whose chain or rows do not verify, each with where and why.</param>
    /// <param name="Definitions">Definition versions whose text no longer has its recorded hash.</param>
    public sealed record VerifyView(bool Intact, int Cases, IReadOnlyList<AuditVerification> Broken, IReadOnlyList<string> Definitions);

    /// <summary>The consistency check's answer.</summary>
    /// <param name="Consistent">True when nothing disagrees.</param>
    /// <param name="Problems">What disagrees, one sentence each.</param>
    public sealed record ConsistencyView(bool Consistent, IReadOnlyList<string> Problems);

    private static async Task<Ok<VerifyView>> VerifyAsync(ClaimsPrincipal user, AuditVerifier verifier, CancellationToken ct)
    {
        var cases = await verifier.VerifyAllAsync(user.ToActor(), ct);
        var definitions = await verifier.VerifyDefinitionsAsync(ct);
        var broken = cases.Where(c => !c.Intact).ToList();
        return TypedResults.Ok(new VerifyView(broken.Count == 0 && definitions.Count == 0, cases.Count, broken, definitions));
    }

    private static async Task<Ok<SystemVerificationReport>> ReportAsync(ClaimsPrincipal user, SystemVerification verification, CancellationToken ct) =>
        TypedResults.Ok(await verification.RunAsync(user.ToActor(), ct));

    private static async Task<Ok<ConsistencyView>> ConsistencyAsync(ClaimsPrincipal user, ConsistencyCheck check, CancellationToken ct)
    {
        var problems = await check.RunAsync(user.ToActor(), ct);
        return TypedResults.Ok(new ConsistencyView(problems.Count == 0, problems));
    }
}
