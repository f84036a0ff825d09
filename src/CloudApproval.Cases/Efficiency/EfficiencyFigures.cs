using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Matters;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Efficiency;

/// <summary>
/// The efficiency dashboard's figures (measure 9) for a period, optionally one department or one matter: counted from
/// the cases of catalogued matters and their legal clocks, working days on the official calendar. Department heads
/// read their departments' matters; auditors and admins all (the API, the page and the alert job call this alike).
/// </summary>
public sealed class EfficiencyFigures(CasesDbFactory factory, MatterCatalog catalog, WorkingCalendar calendar, TimeProvider time)
{
    /// <summary>The longest period asked for at once: the cases it touches are read into memory.</summary>
    public const int MaxDays = 366;

    /// <summary>How many overdue and near-due cases are listed (the counts are complete).</summary>
    public const int MaxListed = 200;

    /// <summary>How many days are shown when no period is asked for.</summary>
    public const int DefaultDays = 30;

    /// <summary>The period shown when none is asked for: the last <see cref="DefaultDays"/> days, today included.</summary>
    public (DateOnly From, DateOnly To) DefaultPeriod()
    {
        var today = ChinaTime.DateOf(time.GetUtcNow());
        return (today.AddDays(-(DefaultDays - 1)), today);
    }

    public async Task<EfficiencyReport> RunAsync(DateOnly from, DateOnly to, string? department, string? matter, Actor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EfficiencyScope.RequireReader(actor);
        if (to < from) throw new CasesException("invalid-input", $"to: {to:yyyy-MM-dd} is before from ({from:yyyy-MM-dd})");
        if (to.DayNumber - from.DayNumber >= MaxDays) throw new CasesException("invalid-input", $"to: at most {MaxDays} days from {from:yyyy-MM-dd}");
        var matters = await EfficiencyScope.MattersAsync(catalog, department, matter, actor, cancellationToken);
        var codes = matters.Select(m => m.Code).ToList();
        var today = ChinaTime.DateOf(time.GetUtcNow());
        var nearBy = NearDueBy(today);

        await using var db = factory.CreateDbContext();
        var cases = await MatterCases.ReadAsync(db, codes, from, to, cancellationToken);
        var start = ChinaTime.StartOf(from).UtcDateTime;
        var end = ChinaTime.StartOf(to.AddDays(1)).UtcDateTime;
        // The alerts raised in the period: last month's, seen in this month's figures.
        var alerts = await db.OnTimeAlerts.AsNoTracking().Where(a => codes.Contains(a.MatterCode) && a.RaisedAt >= start && a.RaisedAt < end)
            .OrderByDescending(a => a.PeriodFrom).ThenBy(a => a.MatterCode).Take(MaxListed)
            .Select(a => new OnTimeAlertView(a.MatterCode, a.Department, a.PeriodFrom, a.PeriodTo, a.Decided, a.WithinLegal, a.OnTimePercent, a.ThresholdPercent, a.RaisedAt))
            .ToListAsync(cancellationToken);

        bool InPeriod(DateOnly? day) => day is { } d && d >= from && d <= to;
        var departmentOf = matters.ToDictionary(m => m.Code, m => m.Department, StringComparer.Ordinal);
        var open = cases.Where(c => c.IsOpen).ToList();
        var running = open.Where(c => c.Clock is { Status: ClockStatus.Running, DueDate: not null }).ToList();

        var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToList();
        var received = cases.Where(c => InPeriod(c.ReceivedOn)).CountBy(c => c.ReceivedOn).ToDictionary();
        var accepted = cases.Where(c => InPeriod(c.Clock?.StartedOn)).CountBy(c => c.Clock!.StartedOn).ToDictionary();
        var closed = cases.Where(c => InPeriod(c.ClosedOn)).CountBy(c => c.ClosedOn!.Value).ToDictionary();

        return new EfficiencyReport(
            from, to, today, nearBy, department, matter,
            [.. days.Select(d => new DayFigures(d, received.GetValueOrDefault(d), accepted.GetValueOrDefault(d), closed.GetValueOrDefault(d)))],
            [.. matters.Select(m => Figures(m, [.. cases.Where(c => c.Matter == m.Code)], InPeriod, today))],
            [.. matters.Select(m => m.Department).Distinct().Order(StringComparer.Ordinal).Select(d =>
            {
                var mine = open.Where(c => departmentOf[c.Matter] == d).ToList();
                return new DepartmentBacklog(d, mine.Count, mine.Count(c => IsOverdue(c, today)), mine.Count(c => IsNearDue(c, today, nearBy)),
                    mine.Count(c => c.Clock is { Status: ClockStatus.Suspended }));
            })],
            [.. running.Where(c => IsOverdue(c, today)).OrderBy(c => c.Clock!.DueDate).ThenBy(c => c.CaseId, StringComparer.Ordinal).Take(MaxListed)
                .Select(c => Due(c, departmentOf, today))],
            [.. running.Where(c => IsNearDue(c, today, nearBy)).OrderBy(c => c.Clock!.DueDate).ThenBy(c => c.CaseId, StringComparer.Ordinal).Take(MaxListed)
                .Select(c => Due(c, departmentOf, today))],
            alerts);
    }

    private MatterFigures Figures(Matter matter, List<MatterCase> cases, Func<DateOnly?, bool> inPeriod, DateOnly today)
    {
        var decided = cases.Where(c => inPeriod(c.DecidedOn)).ToList();
        var cycleTimes = decided.Select(c => CycleTime(c.Clock!)).Order().ToList();
        var judgedLegal = decided.Count(c => c.Clock!.OnTimeLegal is not null);
        var withinLegal = decided.Count(c => c.Clock!.OnTimeLegal == true);
        var judgedPromised = decided.Count(c => c.Clock!.OnTimePromised is not null);
        var withinPromised = decided.Count(c => c.Clock!.OnTimePromised == true);
        var open = cases.Where(c => c.IsOpen).ToList();
        return new MatterFigures(
            matter.Code, matter.Name.Zh, matter.Name.En, matter.Department, matter.LegalLimitWorkingDays, matter.PromisedLimitWorkingDays,
            cases.Count(c => inPeriod(c.ReceivedOn)),
            cases.Count(c => inPeriod(c.Clock?.StartedOn)),
            cases.Count(c => inPeriod(c.ClosedOn)),
            decided.Count,
            WorkingDayStatistics.Median(cycleTimes),
            WorkingDayStatistics.P90(cycleTimes),
            withinLegal,
            WorkingDayStatistics.Percent(withinLegal, judgedLegal),
            withinPromised,
            WorkingDayStatistics.Percent(withinPromised, judgedPromised),
            cases.Sum(c => c.Clock?.Suspensions.Count(s => inPeriod(s.From)) ?? 0),
            decided.Count(c => c.Clock!.ExtensionWorkingDays > 0),
            open.Count,
            open.Count(c => IsOverdue(c, today)));
    }

    /// <summary>Working days from acceptance to decision on the official calendar, the suspended days not counted (as the clock counts).</summary>
    private int CycleTime(LegalClockState clock) =>
        calendar.CountWorkingDays(clock.StartedOn, clock.StoppedOn!.Value, [.. clock.Suspensions.Select(s => new DateInterval(s.From, s.To))]).Value;

    /// <summary>As the case search counts it (CaseList): the clock runs and its due date has passed; stopped or suspended is not late.</summary>
    private static bool IsOverdue(MatterCase c, DateOnly today) => c.Clock is { Status: ClockStatus.Running, DueDate: { } due } && due < today;

    private static bool IsNearDue(MatterCase c, DateOnly today, DateOnly nearBy) =>
        c.Clock is { Status: ClockStatus.Running, DueDate: { } due } && due >= today && due <= nearBy;

    private DueCase Due(MatterCase c, Dictionary<string, string> departmentOf, DateOnly today) =>
        new(c.CaseId, c.Matter, departmentOf[c.Matter], c.Clock!.DueDate!.Value, WorkingDaysLeft.Until(calendar, today, c.Clock.DueDate), c.Clock.PromisedDueDate);

    /// <summary>The last near-due day, as the team workload counts it (today when the calendar cannot say).</summary>
    private DateOnly NearDueBy(DateOnly today)
    {
        try
        {
            return calendar.AddWorkingDays(today, Workload.NearDueWorkingDays).Value;
        }
        catch (ArgumentOutOfRangeException)
        {
            return today;
        }
    }
}
