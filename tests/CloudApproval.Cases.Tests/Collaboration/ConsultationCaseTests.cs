using System.Text.Json.Nodes;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Collaboration;

/// <summary>
/// A consultation (会商) on a real joint-review v4 case with consultOnDissent: its steps are ordinary tasks in each
/// department's inbox, taken and completed through the task commands, each completion one audited transaction.
/// </summary>
public sealed class ConsultationCaseTests
{
    private static readonly Actor Wang = new("clerk-wang", null, [ActorRoles.Clerk], ["planning-resources"], ["reviewer"]);
    private static readonly Actor Lin = new("clerk-lin", null, [ActorRoles.Clerk], ["greening-city-appearance"], ["reviewer"]);
    private static readonly Actor Zhao = new("clerk-zhao", null, [ActorRoles.Clerk], ["human-resources"], ["reviewer"]);
    private static readonly Actor Li = new("clerk-li", null, [ActorRoles.Clerk], ["market-supervision"], ["reviewer"]);
    private static readonly Actor Zhou = new("head-zhou", null, [ActorRoles.DepartmentHead], ["municipal-government"], ["government-head"]);

    private TempFolder _folder = null!;
    private CasesHost _host = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, new ManualClock(ManualClock.MondayMorning));
        await _host.ImportAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>Lead market-supervision (the procedure's default); greening disagrees, so the lead and greening meet.</summary>
    private async Task<string> DissentAsync()
    {
        var caseId = (await _host.Runtime.StartAsync("joint-review", null, new JsonObject { ["consultOnDissent"] = true }, Actor.Operator("applicant-chen"))).CaseId;
        await CompleteAsync(caseId, "opinion", "planning-resources", "agree", null, Wang);
        await CompleteAsync(caseId, "opinion", "human-resources", "agree", null, Zhao);
        await CompleteAsync(caseId, "opinion", "greening-city-appearance", "disagree", new() { ["reasons"] = "the sign exceeds the street's plan" }, Lin);
        return caseId;
    }

    private async Task<WorkTask> OpenAsync(string caseId, string activity, string department) =>
        (await _host.TasksOfAsync(caseId)).Single(t => t.ActivityId == activity && t.Department == department && t.Status == WorkTaskStatus.Open);

    private async Task CompleteAsync(string caseId, string activity, string department, string outcome, JsonObject? data, Actor by) =>
        await _host.Tasks.CompleteAsync((await OpenAsync(caseId, activity, department)).Id, outcome, data, by);

    private static JsonObject Minutes() => new()
    {
        ["attendance"] = "market supervision: Li; greening: Lin",
        ["videoSession"] = "政务视频会议 room 3",
        ["discussion"] = "the applicant offered to reduce the sign",
        ["resolutions"] = "the sign is reduced to 2 m²\nno lighting after 22:00",
    };

    private async Task AssertAuditCleanAsync(string caseId)
    {
        var verification = await _host.VerifyAsync(caseId);
        Assert.That(verification.Intact, Is.True, verification.Reason);
        Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Actor.Operator("auditor")), Is.Empty);
    }

    [Test]
    public async Task Signed_minutes_bind_through_ordinary_tasks_and_the_case_stays_intact()
    {
        var caseId = await DissentAsync();
        await CompleteAsync(caseId, "dissent-consultation", "market-supervision", "resolved", Minutes(), Li);

        var lins = await OpenAsync(caseId, "dissent-consultation", "greening-city-appearance");
        Assert.That(lins.Instructions, Does.Contain("1. the sign is reduced to 2 m²\n2. no lighting after 22:00").And.Contain("SHA-256"));
        var wrong = await Assert.ThrowsAsync<CasesException>(() => _host.Tasks.CompleteAsync(lins.Id, "sign", null, Wang));
        Assert.That(wrong!.Code, Is.EqualTo("unknown-task"), "another department's signature task is not theirs to see");

        await CompleteAsync(caseId, "dissent-consultation", "market-supervision", "sign", null, Li);
        Assert.That((await _host.StateAsync(caseId)).Variables["consultation"], Is.Null, "one signature of two binds nothing");
        await _host.Tasks.CompleteAsync(lins.Id, "sign", null, Lin);

        var state = await _host.StateAsync(caseId);
        var signatures = state.Variables["consultation"]!["signatures"]!.AsArray();
        Assert.That(signatures.Select(s => (string?)s!["department"]), Is.EqualTo(new[] { "market-supervision", "greening-city-appearance" }));
        Assert.That(signatures.Select(s => (string?)s!["minutesSha256"]).Distinct().Single(), Does.Match("^[0-9a-f]{64}$"));
        Assert.That((await OpenAsync(caseId, "review-dissent", "market-supervision")).Status, Is.EqualTo(WorkTaskStatus.Open));
        var timeline = await _host.Get<CaseHistory>().TimelineAsync(caseId, Actor.Operator("auditor"));
        Assert.That(string.Join("\n", timeline.Select(e => e.ToString())), Does.Contain("dissent-consultation-all-signed"));
        await AssertAuditCleanAsync(caseId);
    }

    [Test]
    public async Task An_objection_lands_in_the_common_superiors_inbox_and_a_decision_without_reasons_changes_nothing()
    {
        var caseId = await DissentAsync();
        await CompleteAsync(caseId, "dissent-consultation", "market-supervision", "resolved", Minutes(), Li);
        await CompleteAsync(caseId, "dissent-consultation", "greening-city-appearance", "object", new() { ["reasons"] = "still over the plan" }, Lin);

        var tasks = await _host.TasksOfAsync(caseId);
        Assert.That(tasks.Single(t => t.ActivityId == "dissent-consultation" && t.Department == "market-supervision" && t.Outcome is null && t.Status == WorkTaskStatus.Cancelled), Is.Not.Null,
            "the lead's signature is withdrawn");
        var superior = await OpenAsync(caseId, "dissent-consultation", "municipal-government");
        Assert.That(superior.Role, Is.EqualTo("government-head"));
        var before = (await _host.CaseAsync(caseId)).RowVersion;

        var refused = await Assert.ThrowsAsync<CasesException>(() => _host.Tasks.CompleteAsync(superior.Id, "decide", new() { ["decision"] = "at most 1.5 m²" }, Zhou));
        Assert.That(refused!.Code, Is.EqualTo("rejected-invalid-data"));
        Assert.That(refused.Message, Does.Contain("'reasons'"));
        Assert.That((await _host.CaseAsync(caseId)).RowVersion, Is.EqualTo(before), "nothing changed");

        await _host.Tasks.CompleteAsync(superior.Id, "decide", new() { ["decision"] = "at most 1.5 m²", ["reasons"] = "the street's plan governs" }, Zhou);
        Assert.That((string?)(await _host.StateAsync(caseId)).Variables["consultation"]!["decision"], Is.EqualTo("at most 1.5 m²"));
        await AssertAuditCleanAsync(caseId);
    }
}
