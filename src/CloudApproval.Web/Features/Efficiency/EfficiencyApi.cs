using System.Globalization;
using System.Security.Claims;
using CloudApproval.Cases;
using CloudApproval.Cases.Efficiency;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudApproval.Web.Features.Efficiency;

/// <summary>
/// The efficiency dashboard's figures (measure 9), the same use case the page calls. Heads read their own departments'
/// matters (another department's is a 403 naming the parameter), auditors and admins every matter.
/// </summary>
public static class EfficiencyApi
{
    public static RouteGroupBuilder MapEfficiencyApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/efficiency", GetAsync).WithTags("Efficiency").RequireAuthorization(Policies.EfficiencyReaders)
            .WithSummary("Efficiency figures from ?from= to ?to= (China dates yyyy-MM-dd, at most a year; by default the last 30 days), "
                + "optionally one ?department= or ?matter=: received, accepted and closed per day; per matter the cycle time in working days "
                + "(median, p90), on-time rates against the legal and the promised limits, suspensions, extensions, open and overdue cases; "
                + "the backlog per department; overdue and near-due cases; on-time alerts. Heads: their departments; auditors and admins: all")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<Ok<EfficiencyReport>> GetAsync(ClaimsPrincipal user, EfficiencyFigures figures, CancellationToken ct,
        string? from = null, string? to = null, string? department = null, string? matter = null)
    {
        // Read here rather than bound as DateOnly, so a bad date is a problem naming the parameter, not the framework's binding message.
        var until = Day(nameof(to), to) ?? figures.DefaultPeriod().To;
        var since = Day(nameof(from), from) ?? until.AddDays(-(EfficiencyFigures.DefaultDays - 1));
        return TypedResults.Ok(await figures.RunAsync(since, until, Blank(department), Blank(matter), user.ToActor(), ct));
    }

    private static DateOnly? Day(string parameter, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new CasesException("invalid-input", $"{parameter}: '{text}' is not a date (yyyy-MM-dd)");
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
