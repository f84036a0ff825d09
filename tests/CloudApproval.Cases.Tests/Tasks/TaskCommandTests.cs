using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Tests.Support;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Cases.Tests.Tasks;

public sealed class TaskCommandTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private string _caseId = null!;
    private WorkTask _preReview = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, new ManualClock(ManualClock.MondayMorning));
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"));
        _caseId = await _host.StartDeficiencyAsync();
        _preReview = await _host.OpenTaskAsync(_caseId, "pre-review");
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private TaskCommands Tasks => _host.Tasks;

    private Task<WorkTask> PreReviewAsync() => _host.TaskAsync(_preReview.Id);

    private static string Json(object row) => JsonSerializer.Serialize(row);

    /// <summary>Runs an operation that must be refused, and proves the database is exactly as it was.</summary>
    private async Task<CasesException> RefusedAsync(Func<Task> operation)
    {
        var caseBefore = await _host.CaseAsync(_caseId);
        var taskBefore = Json(await PreReviewAsync());
        var dumpBefore = RawSql.Dump(_host.Database);

        var error = await Expect.RefusedAsync(() => operation());

        var caseAfter = await _host.CaseAsync(_caseId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(caseAfter.RowVersion, Is.EqualTo(caseBefore.RowVersion), "case row version");
            Assert.That(caseAfter.AuditCount, Is.EqualTo(caseBefore.AuditCount), "no audit entry");
            Assert.That(Json(await PreReviewAsync()), Is.EqualTo(taskBefore), "task row");
            Assert.That(RawSql.Dump(_host.Database), Is.EqualTo(dumpBefore), "nothing else in the database either");
        }
        return error;
    }

    [Test]
    public async Task Claim_MakesTheTaskTheClerks_AndAppendsToTheAuditTrail()
    {
        var before = await _host.CaseAsync(_caseId);

        await Tasks.ClaimAsync(_preReview.Id, Actor.Operator("clerk-li"));

        var task = await PreReviewAsync();
        var last = (await _host.AuditAsync(_caseId))[^1];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.Status, Is.EqualTo(WorkTaskStatus.Claimed));
            Assert.That(task.Assignee, Is.EqualTo("clerk-li"));
            Assert.That(task.RowVersion, Is.EqualTo(_preReview.RowVersion + 1));
            Assert.That(last.Action, Is.EqualTo("task-claimed"));
            Assert.That(last.Actor, Is.EqualTo("operator:clerk-li"));
            Assert.That(last.Sequence, Is.EqualTo(before.AuditCount + 1));
            Assert.That((await _host.CaseAsync(_caseId)).RowVersion, Is.EqualTo(before.RowVersion + 1));
            Assert.That((await _host.VerifyAsync(_caseId)).Intact, Is.True);
        }
    }

    [Test]
    public async Task Claim_Fails_WhenTaskClaimedByOther()
    {
        await Tasks.ClaimAsync(_preReview.Id, Actor.Operator("clerk-li"));

        var error = await RefusedAsync(() => Tasks.ClaimAsync(_preReview.Id, Actor.Operator("clerk-zhang")));

        Assert.That(error.Code, Is.EqualTo("claimed-by-other"));
        Assert.That(error.Message, Does.Contain("clerk-li"));
    }

    [Test]
    public async Task Claim_Fails_WhenTheClerkAlreadyHoldsIt()
    {
        await Tasks.ClaimAsync(_preReview.Id, Actor.Operator("clerk-li"));

        var error = await RefusedAsync(() => Tasks.ClaimAsync(_preReview.Id, Actor.Operator("clerk-li")));

        Assert.That(error.Code, Is.EqualTo("already-claimed"));
    }

    [Test]
    public async Task Claim_Fails_WhenTheTaskIsUnknown()
    {
        var error = await RefusedAsync(() => Tasks.ClaimAsync(987654, Actor.Operator("clerk-li")));

        Assert.That(error.Code, Is.EqualTo("unknown-task"));
        Assert.That(error.Message, Does.Contain("987654"));
    }

    [Test]
    public async Task Release_GivesTheTaskBackToThePool()
    {
        await Tasks.ClaimAsync(_preReview.Id, Actor.Operator("clerk-li"));

        await Tasks.ReleaseAsync(_preReview.Id, Actor.Operator("clerk-li"));

        var task = await PreReviewAsync();
        Assert.That(task.Status, Is.EqualTo(WorkTaskStatus.Open));
        Assert.That(task.Assignee, Is.Null);
        Assert.That((await _host.AuditAsync(_caseId))[^1].Action, Is.EqualTo("task-released"));
        await Tasks.ClaimAsync(_preReview.Id, Actor.Operator("clerk-zhang"));
        Assert.That((await PreReviewAsync()).Assignee, Is.EqualTo("clerk-zhang"), "another clerk can take it now");
    }

    [Test]
    public async Task Release_Fails_WhenTheCallerIsNotTheHolder()
    {
        await Tasks.ClaimAsync(_preReview.Id, Actor.Operator("clerk-li"));

        var colleague = new Actor("clerk-zhang", null, [ActorRoles.Clerk], ["market-supervision"], ["intake-clerk"]);
        var error = await RefusedAsync(() => Tasks.ReleaseAsync(_preReview.Id, colleague));

        Assert.That(error.Code, Is.EqualTo("claimed-by-other"));
        Assert.That(error.Message, Does.Contain("clerk-li"));
    }

    [Test]
    public async Task Release_Fails_WhenTheTaskIsNotClaimed()
    {
        var error = await RefusedAsync(() => Tasks.ReleaseAsync(_preReview.Id, Actor.Operator("clerk-li")));

        Assert.That(error.Code, Is.EqualTo("not-claimed"));
    }

    [Test]
    public async Task Assign_HandsTheTaskToAClerk_EvenWhenSomeoneElseHoldsIt()
    {
        await Tasks.ClaimAsync(_preReview.Id, Actor.Operator("clerk-li"));

        await Tasks.AssignAsync(_preReview.Id, Actor.Operator("clerk-zhang"), Actor.Operator("supervisor-wu"));

        var task = await PreReviewAsync();
        var last = (await _host.AuditAsync(_caseId))[^1];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.Status, Is.EqualTo(WorkTaskStatus.Claimed));
            Assert.That(task.Assignee, Is.EqualTo("clerk-zhang"));
            Assert.That(last.Action, Is.EqualTo("task-assigned"));
            Assert.That(last.Actor, Is.EqualTo("operator:supervisor-wu"));
            Assert.That(last.Detail, Does.Contain("clerk-li").And.Contain("clerk-zhang"), "before and after are recorded");
        }
        var error = await Expect.RefusedAsync(() => Tasks.CompleteAsync(_preReview.Id, "accept", null, Actor.Operator("clerk-li")));
        Assert.That(error.Code, Is.EqualTo("claimed-by-other"), "the previous holder lost it");
    }

    [Test]
    public async Task Assign_Fails_WithoutAnAssignee()
    {
        var error = await RefusedAsync(() => Tasks.AssignAsync(_preReview.Id, Actor.Operator(" "), Actor.Operator("supervisor-wu")));

        Assert.That(error.Code, Is.EqualTo("invalid-input"));
    }

    [Test]
    public async Task Assign_Fails_WhenTheTaskIsClosed()
    {
        await Tasks.CompleteAsync(_preReview.Id, "accept", null, Actor.Operator("clerk-li"));

        var error = await RefusedAsync(() => Tasks.AssignAsync(_preReview.Id, Actor.Operator("clerk-zhang"), Actor.Operator("supervisor-wu")));

        Assert.That(error.Code, Is.EqualTo("task-closed"));
    }

    [Test]
    public async Task Complete_Fails_WhenTaskClaimedByOther()
    {
        await Tasks.ClaimAsync(_preReview.Id, Actor.Operator("clerk-li"));

        var error = await RefusedAsync(() => Tasks.CompleteAsync(_preReview.Id, "accept", null, Actor.Operator("clerk-zhang")));

        Assert.That(error.Code, Is.EqualTo("claimed-by-other"));
    }

    [Test]
    public async Task Complete_ChangesNothing_WhenTheOutcomeIsNotAllowed()
    {
        var error = await RefusedAsync(() => Tasks.CompleteAsync(_preReview.Id, "approve", null, Actor.Operator("clerk-li")));

        Assert.That(error.Code, Is.EqualTo("rejected-outcome-not-allowed"));
        Assert.That(error.Message, Does.Contain("'approve'").And.Contain("accept-with-deficiency"));
    }

    [Test]
    public async Task Complete_ChangesNothing_WhenTheFormDataIsInvalid()
    {
        var error = await RefusedAsync(() => Tasks.CompleteAsync(_preReview.Id, "accept-with-deficiency",
            new JsonObject { ["missingMaterials"] = 3, ["shoeSize"] = "42" }, Actor.Operator("clerk-li")));

        Assert.That(error.Code, Is.EqualTo("rejected-invalid-data"));
        Assert.That(error.Message, Does.Contain("missingMaterials").And.Contain("shoeSize"));
    }

    [Test]
    public async Task Complete_ChangesNothing_WhenARequiredFieldIsMissing()
    {
        await Tasks.CompleteAsync(_preReview.Id, "accept", null, Actor.Operator("clerk-li"));
        var review = await _host.OpenTaskAsync(_caseId, "review");
        var before = RawSql.Dump(_host.Database);

        var error = await Expect.RefusedAsync(() => Tasks.CompleteAsync(review.Id, "approve", null, Actor.Operator("reviewer-wang")));

        Assert.That(error.Code, Is.EqualTo("rejected-invalid-data"));
        Assert.That(error.Message, Does.Contain("opinion"));
        Assert.That(RawSql.Dump(_host.Database), Is.EqualTo(before));
    }

    [Test]
    public async Task Complete_Fails_WhenTheTaskIsAlreadyCompleted()
    {
        await Tasks.CompleteAsync(_preReview.Id, "accept", null, Actor.Operator("clerk-li"));

        var error = await RefusedAsync(() => Tasks.CompleteAsync(_preReview.Id, "accept", null, Actor.Operator("clerk-li")));

        Assert.That(error.Code, Is.EqualTo("task-closed"));
    }

    [Test]
    public async Task Complete_ResumesTheCase_InTheSameTransaction()
    {
        var before = await _host.CaseAsync(_caseId);

        await Tasks.CompleteAsync(_preReview.Id, "accept", new JsonObject { ["missingMaterials"] = "none" }, Actor.Operator("clerk-li"));

        var done = await PreReviewAsync();
        var after = await _host.CaseAsync(_caseId);
        var state = InstanceState.FromJson(after.StateJson);
        var audit = await _host.AuditAsync(_caseId);
        var review = await _host.OpenTaskAsync(_caseId, "review");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(done.Status, Is.EqualTo(WorkTaskStatus.Completed));
            Assert.That(done.Outcome, Is.EqualTo("accept"));
            Assert.That(done.CompletedBy, Is.EqualTo("clerk-li"));
            Assert.That(done.Assignee, Is.EqualTo("clerk-li"), "an open task is claimed by whoever completes it");
            Assert.That(done.DataJson, Does.Contain("none"));
            Assert.That(done.ClosedAt, Is.Not.Null);
            // The engine's step is in the same commit: the next task, the legal clock, the notice, one audit entry.
            Assert.That(review.Role, Is.EqualTo("reviewer"));
            Assert.That(review.Department, Is.EqualTo("market-supervision"));
            Assert.That(review.Status, Is.EqualTo(WorkTaskStatus.Open));
            Assert.That(after.ClockDueDate, Is.Not.Null, "the decision clock started on acceptance");
            Assert.That(state.Tokens.Select(t => t.ActivityId), Is.EqualTo(new[] { "review" }));
            Assert.That(after.RowVersion, Is.EqualTo(before.RowVersion + 1));
            Assert.That(after.AuditCount, Is.EqualTo(before.AuditCount + 1));
            Assert.That(audit[^1].Action, Is.EqualTo("task-completed"));
            Assert.That(TimelineEntries.From(audit[^1]).Journal, Has.Some.Contains("review"));
            Assert.That((await _host.Get<CaseHistory>().GetAsync(_caseId, Actor.Operator("auditor"))).Notices.Select(n => n.NoticeType), Is.EqualTo(new[] { "acceptance" }));
            Assert.That((await _host.TimersOfAsync(_caseId)).Single(t => t.ActivityId == "pre-review").Status,
                Is.EqualTo(CloudApproval.Cases.Timers.CaseTimerStatus.Cancelled), "the pre-review deadline is off");
        }
    }
}
