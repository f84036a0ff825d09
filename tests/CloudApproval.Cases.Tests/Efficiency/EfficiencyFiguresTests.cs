using CloudApproval.Cases.Efficiency;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tests.Support;
using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;
using static CloudApproval.Cases.Tests.Efficiency.EfficiencyScenario;

namespace CloudApproval.Cases.Tests.Efficiency;

/// <summary>
/// The dashboard's figures against the cases as they were handled (see <see cref="EfficiencyScenario"/>), and against an
/// independent recount of the stored rows: applications joined to their cases, each case's engine state read whole.
/// </summary>
public sealed class EfficiencyFiguresTests
{
    private const string Food = "food-business-licence";
    private static readonly DateOnly February1 = new(2026, 2, 1), March31 = new(2026, 3, 31);

    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private readonly ManualClock _clock = new(ManualClock.MondayMorning);
    private EfficiencyScenario _scenario = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, _clock);
        await _host.ImportAsync();
        _scenario = new EfficiencyScenario(_host, _clock);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private EfficiencyFigures Figures => _host.Get<EfficiencyFigures>();

    /// <summary>
    /// A: in 12 Feb, accepted 12 Feb, approved 24 Feb (3 working days: 13, Saturday 14, 24). B: in 12 Feb, accepted 13 Feb,
    /// approved 2 Mar (7 working days, Saturday 28 among them; past its promised 27 Feb). C: in and accepted on the working
    /// Saturday 14 Feb, extended 24 Feb, approved 25 Feb. D: in 24 Feb, not accepted 25 Feb. E and H: accepted 26 and 12 Feb,
    /// still open (due 25 and 18 Mar). F: in 26 Feb, not yet accepted.
    /// </summary>
    private async Task HandleCasesAsync()
    {
        var a = await _scenario.ReceivedAsync(2, 12);
        var b = await _scenario.ReceivedAsync(2, 12);
        var h = await _scenario.ReceivedAsync(2, 12);
        await _scenario.AcceptedAsync(a, 2, 12);
        await _scenario.AcceptedAsync(h, 2, 12);
        await _scenario.AcceptedAsync(b, 2, 13);
        var c = await _scenario.ReceivedAsync(2, 14);
        await _scenario.AcceptedAsync(c, 2, 14);
        var d = await _scenario.ReceivedAsync(2, 24);
        await _scenario.ApprovedAsync(a, 2, 24);
        await _scenario.ExtendedAsync(c, 2, 24);
        await _scenario.ApprovedAsync(c, 2, 25, "final-review");
        await _scenario.NotAcceptedAsync(d, 2, 25);
        var e = await _scenario.ReceivedAsync(2, 26);
        await _scenario.ReceivedAsync(2, 26);
        await _scenario.AcceptedAsync(e, 2, 26);
        await _scenario.ApprovedAsync(b, 3, 2);
        // Wednesday 25 March: H is a week overdue, E is due today.
        _scenario.At(3, 25);
    }

    [Test]
    public async Task The_figures_count_working_days_on_the_official_calendar_and_equal_a_recount_of_the_stored_cases()
    {
        await HandleCasesAsync();

        var report = await Figures.RunAsync(February1, March31, null, null, HeadZhou);

        var food = report.Matters.Single(m => m.Code == Food);
        Assert.Multiple(() =>
        {
            Assert.That(report.Matters.Select(m => m.Department).Distinct(), Is.EqualTo(new[] { "market-supervision" }), "the head's own department only");
            Assert.That((food.Received, food.Accepted, food.Closed, food.Decided), Is.EqualTo((7, 5, 4, 3)));
            Assert.That((food.MedianWorkingDays, food.P90WorkingDays), Is.EqualTo(((double?)3, (int?)7)), "cycle times 2, 3 and 7 working days");
            Assert.That((food.WithinLegal, food.OnTimeLegalPercent, food.WithinPromised, food.OnTimePromisedPercent), Is.EqualTo((3, (double?)100.0, 2, (double?)66.7)));
            Assert.That((food.Suspensions, food.Extensions, food.Open, food.Overdue), Is.EqualTo((0, 1, 3, 1)));
            Assert.That(report.Backlog, Is.EqualTo(new[] { new DepartmentBacklog("market-supervision", 3, 1, 1, 0) }));
            Assert.That(report.Overdue.Select(c => (c.DueDate, c.WorkingDaysLeft)), Is.EqualTo(new[] { (new DateOnly(2026, 3, 18), (int?)-5) }));
            Assert.That(report.NearDue.Select(c => (c.DueDate, c.WorkingDaysLeft)), Is.EqualTo(new[] { (new DateOnly(2026, 3, 25), (int?)0) }));
            Assert.That(Day(report, 2, 14), Is.EqualTo(new DayFigures(new DateOnly(2026, 2, 14), 1, 1, 0)), "the working Saturday");
            Assert.That(Day(report, 2, 18), Is.EqualTo(new DayFigures(new DateOnly(2026, 2, 18), 0, 0, 0)), "a holiday");
        });

        var recount = await RecountAsync(February1, March31);
        Assert.That(report.Days.Select(d => (d.Day, d.Received, d.Accepted, d.Closed)), Is.EqualTo(recount.Days));
        Assert.That((food.Received, food.Accepted, food.Closed, food.Decided, food.WithinLegal, food.WithinPromised, food.Extensions, food.Suspensions, food.Open, food.Overdue),
            Is.EqualTo(recount.Totals));
        Assert.That((food.MedianWorkingDays, food.P90WorkingDays), Is.EqualTo(recount.CycleTimes));

        // A shorter period leaves out what happened after it (B's decision on 2 March), and the recount agrees again.
        var february = await Figures.RunAsync(February1, new DateOnly(2026, 2, 28), null, Food, Auditor);
        var februaryRecount = await RecountAsync(February1, new DateOnly(2026, 2, 28));
        var onlyFood = february.Matters.Single();
        Assert.That((onlyFood.Received, onlyFood.Accepted, onlyFood.Closed, onlyFood.Decided, onlyFood.WithinLegal, onlyFood.WithinPromised, onlyFood.Extensions,
            onlyFood.Suspensions, onlyFood.Open, onlyFood.Overdue), Is.EqualTo(februaryRecount.Totals));
        Assert.That(onlyFood.Decided, Is.EqualTo(2));
    }

    [Test]
    public async Task A_head_reads_only_their_departments_and_bad_filters_name_the_parameter()
    {
        await HandleCasesAsync();

        var wus = await Figures.RunAsync(February1, March31, null, null, HeadWu);
        Assert.That(wus.Matters.Select(m => m.Department).Distinct(), Is.EqualTo(new[] { "human-resources" }));
        Assert.That(wus.Matters.Sum(m => m.Received), Is.Zero, "none of market-supervision's cases");

        var other = await Expect.RefusedAsync(() => Figures.RunAsync(February1, March31, "market-supervision", null, HeadWu));
        Assert.That((other.Code, other.Message), Is.EqualTo(("forbidden", "department: head-wu may read the figures of human-resources only, not of market-supervision")));
        var otherMatter = await Expect.RefusedAsync(() => Figures.RunAsync(February1, March31, null, Food, HeadWu));
        Assert.That(otherMatter.Code, Is.EqualTo("forbidden"));
        var clerk = await Expect.RefusedAsync(() => Figures.RunAsync(February1, March31, null, null, Applications.OnlineApplicant.ClerkLi));
        Assert.That(clerk.Code, Is.EqualTo("forbidden"));
        Assert.That((await Expect.RefusedAsync(() => Figures.RunAsync(March31, February1, null, null, Auditor))).Message, Does.StartWith("to: "));
        Assert.That((await Expect.RefusedAsync(() => Figures.RunAsync(February1, February1.AddDays(366), null, null, Auditor))).Message, Does.StartWith("to: at most 366 days"));
        Assert.That((await Expect.RefusedAsync(() => Figures.RunAsync(February1, March31, "no-such-department", null, Auditor))).Message, Does.StartWith("department: "));
        Assert.That((await Expect.RefusedAsync(() => Figures.RunAsync(February1, March31, null, "no-such-matter", Auditor))).Message, Does.StartWith("matter: "));
        Assert.That((await Expect.RefusedAsync(() => Figures.RunAsync(February1, March31, "human-resources", Food, Auditor))).Message, Does.StartWith("matter: "));
    }

    [Test]
    public async Task An_ended_matter_case_whose_stored_state_is_not_JSON_is_refused_as_corrupt_rather_than_failing_in_the_database()
    {
        await HandleCasesAsync();
        // The one not accepted (D): the dashboard reads an ended case's end from its state.
        string tampered;
        await using (var db = _host.Db())
            tampered = await db.Cases.Where(c => c.MatterCode == Food && c.Status == CaseStatus.Completed).Select(c => c.Id).SingleAsync();
        RawSql.Execute(_host.Database, "UPDATE Cases SET StateJson = 'not json' WHERE Id = $id", ("$id", tampered));

        var refused = await Expect.RefusedAsync(() => Figures.RunAsync(February1, March31, null, null, Auditor));

        Assert.That(refused.Code, Is.EqualTo(CasesException.CorruptState));
        Assert.That(refused.Message, Does.StartWith("a stored case state is not readable JSON").And.Contain("the consistency check names the case"));
    }

    private static DayFigures Day(EfficiencyReport report, int month, int day) => report.Days.Single(d => d.Day == new DateOnly(2026, month, day));

    private sealed record Recount(
        List<(DateOnly, int, int, int)> Days,
        (int, int, int, int, int, int, int, int, int, int) Totals,
        (double?, int?) CycleTimes);

    /// <summary>
    /// The figures counted again from the rows, without the dashboard's code: every application of the matter joined to
    /// its case, the engine's state read in full, working days counted by the official calendar.
    /// </summary>
    private async Task<Recount> RecountAsync(DateOnly from, DateOnly to)
    {
        await using var db = _host.Db();
        var rows = await (
            from a in db.Applications.AsNoTracking()
            join c in db.Cases.AsNoTracking() on a.CaseId equals c.Id
            where a.MatterCode == Food
            select new { c.CreatedAt, c.Status, c.StateJson }).ToListAsync();
        var calendar = _host.Get<WorkingCalendar>();
        var today = ChinaTime.DateOf(_clock.GetUtcNow());
        var cases = rows.Select(r =>
        {
            var state = InstanceState.FromJson(r.StateJson);
            var decided = state.Clock?.Status == ClockStatus.Stopped ? state.Clock.StoppedOn : null;
            DateOnly? closed = decided ?? (r.Status == CaseStatus.Completed ? ChinaTime.DateOf(state.EndedAt!.Value) : null);
            return (Received: ChinaTime.DateOf(new DateTimeOffset(r.CreatedAt, TimeSpan.Zero)), state.Clock, Decided: decided, Closed: closed,
                Open: r.Status == CaseStatus.Running && decided is null);
        }).ToList();
        bool In(DateOnly? day) => day >= from && day <= to;
        var days = new List<(DateOnly, int, int, int)>();
        for (var day = from; day <= to; day = day.AddDays(1))
            days.Add((day, cases.Count(c => c.Received == day), cases.Count(c => c.Clock?.StartedOn == day), cases.Count(c => c.Closed == day)));
        var decidedInPeriod = cases.Where(c => In(c.Decided)).ToList();
        var cycle = decidedInPeriod
            .Select(c => calendar.CountWorkingDays(c.Clock!.StartedOn, c.Decided!.Value, [.. c.Clock.Suspensions.Select(s => new DateInterval(s.From, s.To))]).Value)
            .Order().ToList();
        double? median = cycle.Count == 0 ? null : cycle.Count % 2 == 1 ? cycle[cycle.Count / 2] : (cycle[cycle.Count / 2 - 1] + cycle[cycle.Count / 2]) / 2.0;
        int? p90 = cycle.Count == 0 ? null : cycle[(int)Math.Ceiling(cycle.Count * 0.9) - 1];
        return new Recount(days, (
                cases.Count(c => In(c.Received)),
                cases.Count(c => In(c.Clock?.StartedOn)),
                cases.Count(c => In(c.Closed)),
                decidedInPeriod.Count,
                decidedInPeriod.Count(c => c.Clock!.OnTimeLegal == true),
                decidedInPeriod.Count(c => c.Clock!.OnTimePromised == true),
                decidedInPeriod.Count(c => c.Clock!.ExtensionWorkingDays > 0),
                cases.Sum(c => c.Clock?.Suspensions.Count(s => In(s.From)) ?? 0),
                cases.Count(c => c.Open),
                cases.Count(c => c.Open && c.Clock is { Status: ClockStatus.Running, DueDate: { } due } && due < today)),
            (median, p90));
    }
}
