using System.Text.Json.Nodes;
using CloudApproval.Cases.Collaboration;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Tests.Support;
using CloudApproval.Cases.Timers;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Cases.Tests.Collaboration;

/// <summary>
/// Collaboration figures from real joint-review cases accepted on Monday 2 March 2026 (opinions due in 10 working days,
/// 16 March): planning answers the next working day, greening after 3, human resources stays silent: deemed consent on one
/// case, escalated to its head (who answers late) on the other.
/// </summary>
public sealed class CollaborationFiguresTests
{
    private static readonly Actor Wang = new("clerk-wang", null, [ActorRoles.Clerk], ["planning-resources"], ["reviewer"]);
    private static readonly Actor Lin = new("clerk-lin", null, [ActorRoles.Clerk], ["greening-city-appearance"], ["reviewer"]);
    private static readonly Actor Wu = new("head-wu", null, [ActorRoles.DepartmentHead], ["human-resources"], ["department-head"]);
    private static readonly Actor Auditor = new("auditor-sun", null, [ActorRoles.Auditor]);
    private static readonly DateOnly March1 = new(2026, 3, 1), March31 = new(2026, 3, 31);

    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private readonly ManualClock _clock = new(ManualClock.MondayMorning);

    [SetUp]
    public async Task SetUp()
    {
        // One fixture instance runs every test: each starts on Monday 2 March again.
        _clock.Set(ManualClock.MondayMorning);
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

    private CollaborationFigures Figures => _host.Get<CollaborationFigures>();

    private async Task<string> StartAsync(string silencePolicy)
    {
        var input = new JsonObject { ["silencePolicy"] = silencePolicy, ["opinionPeriod"] = "10wd" };
        if (silencePolicy == "deemed-consent") input["silenceLegalBasis"] = "the matter's rule that silence is consent (test)";
        return (await _host.Runtime.StartAsync("joint-review", null, input, Actor.Operator("applicant-chen"))).CaseId;
    }

    private async Task AnswerAsync(string caseId, string department, Actor by)
    {
        var task = (await _host.TasksOfAsync(caseId)).Single(t => t.ActivityId == "opinion" && t.Department == department && t.Status == WorkTaskStatus.Open);
        await _host.Tasks.CompleteAsync(task.Id, "agree", null, by);
    }

    private async Task FireOpinionDeadlinesAsync(string caseId)
    {
        foreach (var timer in (await _host.TimersOfAsync(caseId)).Where(t => t.ActivityId == "opinion" && t.Purpose == nameof(TimerPurpose.Deadline) && t.Status == CaseTimerStatus.Pending))
            await _host.Get<TimerJob>().FireAsync(timer.Id, CancellationToken.None);
    }

    private void At(int month, int day, int hour = 10) => _clock.Set(new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.FromHours(8)));

    [Test]
    public async Task Each_department_is_counted_from_its_tasks_with_silence_deemed_or_escalated_once_per_request()
    {
        var deemed = await StartAsync("deemed-consent");
        var escalated = await StartAsync("escalate");
        At(3, 3);
        await AnswerAsync(deemed, "planning-resources", Wang);
        await AnswerAsync(escalated, "planning-resources", Wang);
        At(3, 5);
        await AnswerAsync(deemed, "greening-city-appearance", Lin);
        await AnswerAsync(escalated, "greening-city-appearance", Lin);
        At(3, 17, 0);
        await FireOpinionDeadlinesAsync(deemed);
        await FireOpinionDeadlinesAsync(escalated);
        At(3, 19);
        await AnswerAsync(escalated, "human-resources", Wu);

        var all = await Figures.RunAsync(March1, March31, Auditor);

        Assert.That(all.Select(f => f.Department), Is.EqualTo(new[] { "greening-city-appearance", "human-resources", "planning-resources" }));
        Assert.That(all[0], Is.EqualTo(new DepartmentCollaboration("greening-city-appearance", 2, 0, 2, 2, 100.0, 0, 0, 3)));
        Assert.That(all[1], Is.EqualTo(new DepartmentCollaboration("human-resources", 2, 0, 1, 0, 0.0, 1, 1, 13)),
            "one deemed, one escalated and answered by the head on 19 March, 13 working days after 2 March");
        Assert.That(all[2], Is.EqualTo(new DepartmentCollaboration("planning-resources", 2, 0, 2, 2, 100.0, 0, 0, 1)));
        Assert.That(await Figures.RunAsync(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), Auditor), Is.Empty, "requests are counted in the month they were made");
    }

    [Test]
    public async Task Staff_see_their_own_departments_only_and_a_bad_period_is_refused()
    {
        await StartAsync("escalate");

        var lins = await Figures.RunAsync(March1, March31, Lin);

        Assert.That(lins.Select(f => (f.Department, f.Requests, f.Open)), Is.EqualTo(new[] { ("greening-city-appearance", 1, 1) }));
        var backwards = await Assert.ThrowsAsync<CasesException>(() => Figures.RunAsync(March31, March1, Auditor));
        Assert.That(backwards!.Message, Is.EqualTo("to: 2026-03-01 is before from (2026-03-31)"));
        var applicant = await Assert.ThrowsAsync<CasesException>(() => Figures.RunAsync(March1, March31, new Actor("applicant-chen", null, [ActorRoles.Applicant])));
        Assert.That(applicant!.Code, Is.EqualTo("forbidden"));
    }

    [Test]
    public async Task Across_a_restart_a_silent_departments_request_is_decided_by_exactly_one_timer()
    {
        var caseId = await StartAsync("deemed-consent");
        At(3, 3);
        await AnswerAsync(caseId, "planning-resources", Wang);
        await AnswerAsync(caseId, "greening-city-appearance", Lin);

        // The process stops with the silent department's deadline pending and comes back on the same files.
        await _host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _host = await CasesHost.StartAsync(_folder, _clock);
        At(3, 17, 0);
        // The pending row is all the timer is: it fires after the restart, and a second firing (a node killed mid-batch) changes nothing.
        var pending = (await _host.TimersOfAsync(caseId)).Where(t => t.ActivityId == "opinion" && t.Status == CaseTimerStatus.Pending).ToList();
        Assert.That(pending, Has.Count.EqualTo(1), "only the silent department's deadline is left");
        for (var run = 0; run < 2; run++)
            await _host.Get<TimerJob>().FireAsync(pending[0].Id, CancellationToken.None);

        var audit = await _host.AuditAsync(caseId);
        var opinions = (await _host.StateAsync(caseId)).Variables["opinions"]!.AsArray();
        var deemed = opinions.Single(o => (string?)o!["item"] == "human-resources")!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(audit.Count(e => e.Action == "timer-fired"), Is.EqualTo(1), "one timer decided the one silent request");
            Assert.That((string?)deemed["outcome"], Is.EqualTo("agree"));
            Assert.That((bool?)deemed["data"]!["deemed"], Is.True);
            Assert.That((string?)deemed["data"]!["noReplyBy"], Is.EqualTo("2026-03-16"));
            Assert.That((string?)deemed["data"]!["legalBasis"], Does.Contain("silence is consent"));
            Assert.That((await _host.VerifyAsync(caseId)).Intact, Is.True);
        }
    }
}
