using CloudApproval.Engine.Calendar;
using CloudApproval.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudApproval.Web.Features.Calendar;

/// <summary>
/// The official working-day calendar (Administrative Licensing Law art. 82): public facts anyone may ask, so that an
/// applicant can check a deadline the same way the system computes it.
/// </summary>
public static class CalendarApi
{
    public static RouteGroupBuilder MapCalendarApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/calendar").WithTags("Calendar").AllowAnonymous().RequireRateLimiting(RateLimits.Public);
        group.MapGet("/{year:int}", Year).WithSummary("A year's holidays and the weekend days declared working days (调休)");
        group.MapGet("/add", Add).WithSummary("The N-th working day after a date");
        group.MapGet("/between", Between).WithSummary("Working days after one date up to and including another");
        return api;
    }

    /// <summary>One year of the arrangement; <c>Official</c> is false for a year without a calendar file (weekends only).</summary>
    public sealed record YearView(int Year, bool Official, string? Source, IReadOnlyList<CalendarDay> DaysOff, IReadOnlyList<CalendarDay> ExtraWorkingDays);

    /// <summary>An answer, with a warning when a year crossed has no official calendar.</summary>
    public sealed record AnswerView<T>(T Value, bool Exact, string? Warning);

    private static Results<Ok<YearView>, ProblemHttpResult> Year(int year, WorkingCalendar calendar)
    {
        if (year is < 1900 or > 2200) return Invalid($"year {year} is outside 1900..2200");
        return TypedResults.Ok(calendar.YearData(year) is { } data
            ? new YearView(year, true, data.Source, data.DaysOff, data.ExtraWorkingDays)
            : new YearView(year, false, null, [], []));
    }

    private static Results<Ok<AnswerView<DateOnly>>, ProblemHttpResult> Add(DateOnly date, int days, WorkingCalendar calendar)
    {
        try
        {
            var answer = calendar.AddWorkingDays(date, days);
            return TypedResults.Ok(new AnswerView<DateOnly>(answer.Value, answer.IsExact, answer.Warning));
        }
        catch (ArgumentOutOfRangeException ex)
        {
            return Invalid($"days {days} from {date:yyyy-MM-dd}: {ex.Message.Split(" (Parameter")[0]}");
        }
    }

    private static Results<Ok<AnswerView<int>>, ProblemHttpResult> Between(DateOnly from, DateOnly to, WorkingCalendar calendar)
    {
        try
        {
            var answer = calendar.CountWorkingDays(from, to);
            return TypedResults.Ok(new AnswerView<int>(answer.Value, answer.IsExact, answer.Warning));
        }
        catch (ArgumentOutOfRangeException ex)
        {
            return Invalid($"{from:yyyy-MM-dd} to {to:yyyy-MM-dd}: {ex.Message.Split(" (Parameter")[0]}");
        }
    }

    private static ProblemHttpResult Invalid(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
}
