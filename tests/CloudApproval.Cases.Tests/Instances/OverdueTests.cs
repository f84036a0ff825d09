using System.Text.Json.Nodes;
using CloudApproval.Cases.Efficiency;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Tests.Efficiency;
using CloudApproval.Cases.Tests.Support;
using CloudApproval.Engine.Runtime;
using static CloudApproval.Cases.Tests.Applications.OnlineApplicant;

namespace CloudApproval.Cases.Tests.Instances;

/// <summary>
/// What overdue means for a case: its legal clock runs and its due date has passed. A case decided on a commitment
/// (告知承诺) stays running while the inspector verifies the commitment (事后核查), its stopped clock keeping the due date
/// it was judged by; a suspended clock (art. 45) does not count. Neither is late, in the search, the lists' days left, the
/// case file or the dashboard.
/// </summary>
public sealed class OverdueTests
{
    private static readonly Actor Sun = new("auditor-sun", null, [ActorRoles.Auditor]);
    /// <summary>Accepted Thursday 12 February 2026: 20 working days across the Spring Festival (调休 included) end on 18 March.</summary>
    private static readonly DateOnly DueMarch18 = new(2026, 3, 18);

    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private readonly ManualClock _clock = new(ManualClock.MondayMorning);

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, _clock);
        await _host.ImportAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<List<CaseSummary>> SearchAsync(bool overdue) =>
        [.. (await _host.Get<CaseList>().ListAsync(new CaseQuery { Overdue = overdue, Limit = 100 }, Sun)).Cases];

    [Test]
    public async Task A_commitment_case_decided_and_in_verification_is_not_overdue_and_shows_its_due_date_without_a_countdown_while_a_late_one_is()
    {
        var scenario = new EfficiencyScenario(_host, _clock);
        var decided = await scenario.ReceivedAsync(2, 12);
        var late = await scenario.ReceivedAsync(2, 12);
        await scenario.AcceptedAsync(decided, 2, 12);
        await scenario.AcceptedAsync(late, 2, 12);
        await scenario.ApprovedAsync(decided, 2, 24);
        // Wednesday 25 March: both due dates (18 March) have passed; only the undecided case is late.
        scenario.At(3, 25);

        var row = await _host.CaseAsync(decided);
        Assert.That((row.Status, row.LegalClock, row.ClockDueDate), Is.EqualTo((CaseStatus.Running, (ClockStatus?)ClockStatus.Stopped, (DateOnly?)DueMarch18)),
            "decided, still running, the stopped clock keeping its due date");
        Assert.That((await _host.OpenTaskAsync(decided, "verify")).Status, Is.EqualTo(WorkTaskStatus.Open), "the inspector verifies the commitment");

        var overdue = await SearchAsync(overdue: true);
        var notOverdue = await SearchAsync(overdue: false);
        Assert.That(overdue.Select(c => c.Id), Is.EqualTo(new[] { late }));
        Assert.That(notOverdue.Select(c => c.Id), Does.Contain(decided).And.Not.Contain(late));

        var lateSummary = overdue.Single();
        var decidedSummary = notOverdue.Single(c => c.Id == decided);
        Assert.That((lateSummary.ClockDueDate, lateSummary.WorkingDaysLeft, lateSummary.Overdue, lateSummary.LegalClock),
            Is.EqualTo(((DateOnly?)DueMarch18, (int?)-5, true, (ClockStatus?)ClockStatus.Running)));
        Assert.That((decidedSummary.ClockDueDate, decidedSummary.WorkingDaysLeft, decidedSummary.Overdue, decidedSummary.LegalClock),
            Is.EqualTo(((DateOnly?)DueMarch18, (int?)null, false, (ClockStatus?)ClockStatus.Stopped)), "the due date, no countdown");

        var file = await _host.Get<CaseHistory>().GetAsync(decided, Sun);
        Assert.That((file.Case.WorkingDaysLeft, file.Case.Overdue), Is.EqualTo(((int?)null, false)));
        Assert.That((file.Clock!.Status, file.Clock.DueDate, file.Clock.WorkingDaysLeft, file.Clock.OnTimeLegal),
            Is.EqualTo((ClockStatus.Stopped, (DateOnly?)DueMarch18, (int?)null, (bool?)true)));

        // The dashboard reads the clock from the state and already agreed: the decided case is not open, the late one is overdue.
        var report = await _host.Get<EfficiencyFigures>().RunAsync(new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 31), null, null, Sun);
        Assert.That(report.Overdue.Select(c => c.CaseId), Is.EqualTo(new[] { late }));
        Assert.That(report.Backlog.Sum(b => b.Overdue), Is.EqualTo(1));
    }

    [Test]
    public async Task A_suspended_clock_is_not_overdue_however_long_the_suspension_lasts()
    {
        var suspended = (await _host.Runtime.StartAsync("online-hearing", null, null, Actor.Operator("applicant-liu"))).CaseId;
        await _host.Tasks.CompleteAsync((await _host.OpenTaskAsync(suspended, "pre-review")).Id, "accept", null, Actor.Operator("clerk-wang"));
        _clock.Advance(TimeSpan.FromDays(2));
        await _host.Runtime.SendEventAsync(suspended, "hearing-requested", new JsonObject { ["by"] = "a neighbour", ["interest"] = "daylight" },
            Actor.Operator("applicant-liu"));
        // Sixty days on: the 20 working days from acceptance would have run out weeks ago, had the clock counted.
        _clock.Advance(TimeSpan.FromDays(60));

        Assert.That((await _host.CaseAsync(suspended)).LegalClock, Is.EqualTo(ClockStatus.Suspended));
        Assert.That(await SearchAsync(overdue: true), Is.Empty);
        var summary = (await SearchAsync(overdue: false)).Single(c => c.Id == suspended);
        Assert.That((summary.WorkingDaysLeft, summary.Overdue, summary.LegalClock), Is.EqualTo(((int?)null, false, (ClockStatus?)ClockStatus.Suspended)));
        var file = await _host.Get<CaseHistory>().GetAsync(suspended, Sun);
        Assert.That((file.Clock!.Status, file.Clock.WorkingDaysLeft), Is.EqualTo((ClockStatus.Suspended, (int?)null)));
    }
}
