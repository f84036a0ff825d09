using System.Text.Json.Nodes;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Collaboration;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Tests.Licences;
using CloudApproval.Cases.Tests.Support;
using CloudApproval.Cases.Timers;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tests.Collaboration;

/// <summary>
/// Administrative assistance (行政协助) on real cases from Monday 2 March 2026: market supervision (clerk Li) handles a
/// deficiency-pending case and asks planning for the site's planning conditions (5 working days, due 9 March); planning's
/// reviewer (Wang) works it in its own assistance case, and the answer comes back to the requesting case.
/// </summary>
public sealed class AssistanceTests
{
    private static readonly Actor Li = new("clerk-li", null, [ActorRoles.Clerk], ["market-supervision"], ["intake-clerk", "reviewer"]);
    private static readonly Actor Wang = new("clerk-wang", null, [ActorRoles.Clerk], ["planning-resources"], ["reviewer"]);
    private static readonly Actor Qian = new("head-qian", null, [ActorRoles.DepartmentHead], ["planning-resources"], ["department-head"]);
    private static readonly Actor Lin = new("clerk-lin", null, [ActorRoles.Clerk], ["greening-city-appearance"], ["reviewer"]);
    private static readonly Actor Auditor = new("auditor-sun", null, [ActorRoles.Auditor]);
    private const string Question = "Plot 12-03, Lane 88 Huaihai Road: which use and plot ratio does the regulatory plan allow?";
    private const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private readonly ManualClock _clock = new(ManualClock.MondayMorning);

    [SetUp]
    public async Task SetUp()
    {
        // One fixture instance runs every test: each starts on Monday morning again.
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

    private RequestAssistance Request => _host.Get<RequestAssistance>();

    private void At(int month, int day, int hour = 10) => _clock.Set(new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.FromHours(8)));

    private async Task<(string CaseId, AssistanceRequestView Request)> RequestedAsync(string item = "planning-conditions")
    {
        var caseId = await _host.StartDeficiencyAsync();
        return (caseId, await Request.RunAsync(caseId, item, Question, Li));
    }

    private async Task<AssistanceRequest> RowAsync(string id)
    {
        await using var db = _host.Db();
        return await db.AssistanceRequests.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    private async Task<WorkTask> OpenAsync(string assistanceCase, string activity) => await _host.OpenTaskAsync(assistanceCase, activity);

    private async Task FireAsync(string caseId, TimerPurpose purpose)
    {
        foreach (var timer in (await _host.TimersOfAsync(caseId)).Where(t => t.Purpose == purpose.ToString() && t.Status == CaseTimerStatus.Pending))
            await _host.Get<TimerJob>().FireAsync(timer.Id, CancellationToken.None);
    }

    private async Task ExpectIntactAsync(params string[] caseIds)
    {
        foreach (var id in caseIds) Assert.That((await _host.VerifyAsync(id)).BrokenAt, Is.Null, $"chain of {id}");
        Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Auditor), Is.Empty);
    }

    [Test]
    public async Task An_accepted_request_returns_its_result_as_a_material_of_the_requesting_case_with_provenance()
    {
        var caseId = await _host.StartDeficiencyAsync();
        var stateBefore = (await _host.CaseAsync(caseId)).StateJson;
        var request = await Request.RunAsync(caseId, "planning-conditions", Question, Li);
        Assert.That((request.Status, request.AssistingDepartment, request.RequestingDepartment), Is.EqualTo((AssistanceStatus.Open, "planning-resources", "market-supervision")));
        var assistanceCase = request.AssistanceCaseId!;
        var answer = await OpenAsync(assistanceCase, "answer-assistance");
        Assert.That((answer.Department, answer.Role, answer.DueDate), Is.EqualTo(("planning-resources", "reviewer", new DateOnly(2026, 3, 9))));
        Assert.That(answer.Instructions, Does.Contain(Question).And.Contain("城乡规划法 第三十八条"));
        Assert.That((await _host.CaseAsync(assistanceCase)).Applicant, Is.Null, "the applicant does not read the departments' assistance");

        At(3, 3);
        await _host.Tasks.CompleteAsync(answer.Id, "accept", null, Wang);
        Assert.That((await RowAsync(request.Id)).Status, Is.EqualTo(AssistanceStatus.Accepted));
        At(3, 4);
        var provide = await OpenAsync(assistanceCase, "provide-result");
        await _host.Tasks.CompleteAsync(provide.Id, "provide", new JsonObject { ["result"] = "Commercial (C2), plot ratio at most 2.5", ["file"] = Sha }, Wang);

        var file = await _host.Get<CaseHistory>().GetAsync(caseId, Li);
        var material = file.Assistance!.Single();
        Assert.That((material.Status, material.Result, material.ResultSha256, material.ProvidedBy, material.AnsweredBy),
            Is.EqualTo((AssistanceStatus.Provided, "Commercial (C2), plot ratio at most 2.5", Sha, "clerk-wang", "clerk-wang")));
        Assert.That(material.ProvidedAt, Is.EqualTo(new DateTime(2026, 3, 4, 2, 0, 0, DateTimeKind.Utc)));
        Assert.That((await _host.CaseAsync(assistanceCase)).Outcome, Is.EqualTo("completed"));
        var requesting = (await _host.AuditAsync(caseId)).Select(e => e.Action).ToList();
        Assert.That(requesting, Is.SupersetOf(new[] { "assistance-requested", "assistance-accepted", "assistance-provided" }));
        Assert.That((await _host.AuditAsync(caseId)).Single(e => e.Action == "assistance-provided").Detail, Does.Contain(Sha).And.Contain(request.Id));
        Assert.That((await _host.AuditAsync(assistanceCase)).Count(e => e.Action == "task-completed"), Is.EqualTo(2));
        Assert.That((await _host.Get<CaseHistory>().GetAsync(caseId, new Actor("applicant-chen", null, [ActorRoles.Applicant]))).Assistance, Is.Empty,
            "assistance is between departments");
        Assert.That((await _host.CaseAsync(caseId)).StateJson, Is.EqualTo(stateBefore), "the requesting case's engine state (and clock) is not touched");
        await ExpectIntactAsync(caseId, assistanceCase);
    }

    [Test]
    public async Task A_decline_without_reasons_is_refused_and_changes_nothing()
    {
        var (caseId, request) = await RequestedAsync();
        var answer = await OpenAsync(request.AssistanceCaseId!, "answer-assistance");
        var requestingBefore = (await _host.CaseAsync(caseId)).RowVersion;
        var assistanceBefore = (await _host.CaseAsync(request.AssistanceCaseId!)).RowVersion;

        foreach (var data in new JsonObject?[] { null, new() { ["reasons"] = "  " } })
        {
            var refused = await Assert.ThrowsAsync<CasesException>(() => _host.Tasks.CompleteAsync(answer.Id, "decline", data, Wang));
            Assert.That(refused!.Code, Is.EqualTo("rejected-invalid-data"));
            Assert.That(refused.Message, Does.Contain("reasons"));
        }

        Assert.That((await _host.CaseAsync(caseId)).RowVersion, Is.EqualTo(requestingBefore));
        Assert.That((await _host.CaseAsync(request.AssistanceCaseId!)).RowVersion, Is.EqualTo(assistanceBefore));
        Assert.That((await _host.TaskAsync(answer.Id)).Status, Is.EqualTo(WorkTaskStatus.Open));
        Assert.That((await RowAsync(request.Id)).Status, Is.EqualTo(AssistanceStatus.Open));
    }

    [Test]
    public async Task A_decline_with_reasons_is_shown_to_the_requesting_department()
    {
        var (caseId, request) = await RequestedAsync();
        var answer = await OpenAsync(request.AssistanceCaseId!, "answer-assistance");

        await _host.Tasks.CompleteAsync(answer.Id, "decline", new JsonObject { ["reasons"] = "the plot lies in Pudong: ask the Pudong planning bureau" }, Wang);

        var listed = (await _host.Get<AssistanceRequests>().ListAsync(caseId, Li)).Single();
        Assert.That((listed.Status, listed.DeclineReasons, listed.AnsweredBy, listed.Result),
            Is.EqualTo((AssistanceStatus.Declined, "the plot lies in Pudong: ask the Pudong planning bureau", "clerk-wang", (string?)null)));
        Assert.That((await _host.AuditAsync(caseId)).Single(e => e.Action == "assistance-declined").Detail, Does.Contain("Pudong"));
        Assert.That((await _host.CaseAsync(request.AssistanceCaseId!)).Outcome, Is.EqualTo("rejected"));
        await ExpectIntactAsync(caseId, request.AssistanceCaseId!);
    }

    [Test]
    public async Task A_silent_department_is_reminded_after_the_time_limit_then_its_head_gets_the_request_once()
    {
        var (caseId, request) = await RequestedAsync();
        var assistanceCase = request.AssistanceCaseId!;

        At(3, 10, 9);
        await FireAsync(assistanceCase, TimerPurpose.Reminder);
        await using (var db = _host.Db())
            Assert.That(await db.Notices.Where(n => n.CaseId == assistanceCase).Select(n => n.NoticeType).ToListAsync(), Is.EqualTo(new[] { "reminder" }));
        Assert.That((await _host.TasksOfAsync(assistanceCase)).Select(t => (t.Role, t.Status)), Is.EqualTo(new[] { ("reviewer", WorkTaskStatus.Open) }));

        At(3, 12, 0);
        await FireAsync(assistanceCase, TimerPurpose.Deadline);
        await FireAsync(assistanceCase, TimerPurpose.Deadline);

        var tasks = await _host.TasksOfAsync(assistanceCase);
        Assert.That(tasks.Select(t => (t.Role, t.Status)), Is.EqualTo(new[] { ("reviewer", WorkTaskStatus.Cancelled), ("department-head", WorkTaskStatus.Open) }));
        var timers = await _host.TimersOfAsync(assistanceCase);
        Assert.That(timers.Count(t => t.Status == CaseTimerStatus.Fired), Is.EqualTo(2), "one reminder, one escalation");
        Assert.That(timers.Any(t => t.Status == CaseTimerStatus.Pending), Is.False, "the head must answer: no further deadline");
        await _host.Tasks.CompleteAsync(tasks[1].Id, "accept", null, Qian);
        Assert.That((await RowAsync(request.Id)).AnsweredBy, Is.EqualTo("head-qian"));
        await ExpectIntactAsync(caseId, assistanceCase);
    }

    [Test]
    public async Task A_data_port_item_is_answered_at_once_from_the_licence_registry()
    {
        await LicenceFixture.ApprovedCaseAsync(_host);
        var joint = (await _host.Runtime.StartAsync("joint-review", null, new JsonObject(), Actor.Operator("applicant-chen"))).CaseId;

        var answered = await Request.RunAsync(joint, "food-business-licence-held", "Does the applicant already run a licensed food business?", Wang);

        Assert.That((answered.Status, answered.ProvidedBy, answered.AssistanceCaseId, answered.RequestingDepartment),
            Is.EqualTo((AssistanceStatus.Provided, RequestAssistance.DataPortActor, (string?)null, "planning-resources")));
        Assert.That(answered.Result, Does.StartWith("Yes: applicant-chen holds food-business-licence "));
        var other = await _host.Runtime.StartAsync("joint-review", null, new JsonObject(), Actor.Operator("applicant-liu"));
        Assert.That((await Request.RunAsync(other.CaseId, "food-business-licence-held", "Licensed?", Wang)).Result, Does.StartWith("No: "));
        Assert.That((await _host.AuditAsync(joint)).Where(e => e.Action.StartsWith("assistance-", StringComparison.Ordinal)).Select(e => (e.Action, e.Actor)),
            Is.EqualTo(new[] { ("assistance-requested", "clerk-wang"), ("assistance-provided", RequestAssistance.DataPortActor) }));
        await ExpectIntactAsync(joint);
    }

    [Test]
    public async Task Bad_requests_are_refused_and_a_third_department_sees_nothing()
    {
        var caseId = await _host.StartDeficiencyAsync();

        async Task<string> Refused(string? item, string? question, Actor actor) =>
            (await Assert.ThrowsAsync<CasesException>(() => Request.RunAsync(caseId, item, question, actor)))!.Code;

        Assert.That(await Refused("no-such-item", Question, Li), Is.EqualTo("unknown-assistance-item"));
        Assert.That(await Refused("planning-conditions", " ", Li), Is.EqualTo("invalid-input"));
        Assert.That(await Refused("food-business-licence-held", Question, Li), Is.EqualTo("own-department"));
        Assert.That(await Refused("planning-conditions", Question, Lin), Is.EqualTo("unknown-case"));
        Assert.That(await Refused("planning-conditions", Question, Auditor), Is.EqualTo("forbidden"));
        var lists = await Assert.ThrowsAsync<CasesException>(() => _host.Get<AssistanceRequests>().ListAsync(caseId, Lin));
        Assert.That(lists!.Code, Is.EqualTo("unknown-case"));

        var request = await Request.RunAsync(caseId, "planning-conditions", Question, Li);
        Assert.That(await Refused("planning-conditions", Question, Wang), Is.EqualTo("unknown-case"), "the assisting department does not read the requesting case");
        Assert.That((await _host.Get<CaseHistory>().GetAsync(request.AssistanceCaseId!, Wang)).Tasks, Has.Count.EqualTo(1));
        var hidden = await Assert.ThrowsAsync<CasesException>(() => _host.Get<CaseHistory>().GetAsync(request.AssistanceCaseId!, Lin));
        Assert.That(hidden!.Code, Is.EqualTo("unknown-case"));
        await _host.Runtime.ApplyAsync(caseId, new TerminateStimulus("withdrawn by the applicant"), "case-terminated", Actor.Operator("clerk-li"));
        Assert.That(await Refused("planning-conditions", Question, Li), Is.EqualTo("case-closed"));
    }

    [Test]
    public async Task Figures_count_each_assisting_department_from_real_requests()
    {
        var (_, provided) = await RequestedAsync();
        var (_, declined) = await RequestedAsync();
        var (_, escalated) = await RequestedAsync();
        await RequestedAsync("protected-trees-on-site");
        At(3, 3);
        await _host.Tasks.CompleteAsync((await OpenAsync(provided.AssistanceCaseId!, "answer-assistance")).Id, "accept", null, Wang);
        await _host.Tasks.CompleteAsync((await OpenAsync(declined.AssistanceCaseId!, "answer-assistance")).Id, "decline", new JsonObject { ["reasons"] = "not ours" }, Wang);
        At(3, 5);
        await _host.Tasks.CompleteAsync((await OpenAsync(provided.AssistanceCaseId!, "provide-result")).Id, "provide", new JsonObject { ["result"] = "C2" }, Wang);
        At(3, 12, 0);
        await FireAsync(escalated.AssistanceCaseId!, TimerPurpose.Deadline);
        At(3, 13);
        await _host.Tasks.CompleteAsync((await OpenAsync(escalated.AssistanceCaseId!, "answer-assistance")).Id, "decline", new JsonObject { ["reasons"] = "late and not ours" }, Qian);

        var figures = await _host.Get<AssistanceFigures>().RunAsync(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), Auditor);

        Assert.That(figures, Is.EqualTo(new[]
        {
            new DepartmentAssistance("greening-city-appearance", 1, 1, 0, 0, 0, null, 0, 0, null),
            new DepartmentAssistance("planning-resources", 3, 0, 2, 1, 2, 66.7, 1, 0, 3),
        }), "provided after 3 working days and declined after 1, on time; declined by the head after 9, late (median 3)");
        Assert.That(await _host.Get<AssistanceFigures>().RunAsync(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), Lin),
            Is.EqualTo(new[] { new DepartmentAssistance("greening-city-appearance", 1, 1, 0, 0, 0, null, 0, 0, null) }));
    }
}
