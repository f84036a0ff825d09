using System.Text.Json.Nodes;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Tasks;

/// <summary>
/// A transition's outcome names the tasks it opened (issue #12: "I completed this, what is next for me?"), in the case
/// and in a sub-procedure started in the same transaction, each exactly as its row was stored; and each caller is shown
/// only those they may see.
/// </summary>
public sealed class OpenedTasksTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;

    // Intake (market-supervision, due in 5 working days), then a fork into a review of market-supervision and an opinion
    // of fire-safety, joined before a sub-procedure whose first task is fire-safety's joint review.
    private static JsonObject Procedure() => JsonNode.Parse("""
        {"definitionId":"next-steps","version":1,"name":"Next steps (test procedure)",
         "activities":[{"id":"start","type":"Start"},
           {"id":"intake","type":"UserTask","inputs":{"title":"Intake","role":"intake-clerk","department":"market-supervision","outcomes":["done"],"due":"5wd"}},
           {"id":"fork","type":"Fork","inputs":{"branches":["a","b"]}},
           {"id":"review","type":"UserTask","inputs":{"title":"Review","role":"reviewer","department":"market-supervision","outcomes":["done"]}},
           {"id":"opinion","type":"UserTask","inputs":{"title":"Opinion","role":"reviewer","department":"fire-safety","outcomes":["done"]}},
           {"id":"join","type":"Join","inputs":{"fork":"fork"}},
           {"id":"call","type":"CallProcedure","inputs":{"definitionId":"next-child","outcomes":["completed"]}},
           {"id":"end","type":"End","inputs":{"outcome":"approved"}}],
         "connections":[{"source":"start","outcome":"done","target":"intake"},{"source":"intake","outcome":"done","target":"fork"},
           {"source":"fork","outcome":"a","target":"review"},{"source":"fork","outcome":"b","target":"opinion"},
           {"source":"review","outcome":"done","target":"join"},{"source":"opinion","outcome":"done","target":"join"},
           {"source":"join","outcome":"done","target":"call"},{"source":"call","outcome":"completed","target":"end"}]}
        """)!.AsObject();

    private static JsonObject Child() => JsonNode.Parse("""
        {"definitionId":"next-child","version":1,"name":"Next child (test procedure)",
         "activities":[{"id":"start","type":"Start"},
           {"id":"joint-review","type":"UserTask","inputs":{"title":"Joint review","role":"reviewer","department":"fire-safety","outcomes":["done"]}},
           {"id":"end","type":"End","inputs":{"outcome":"completed"}}],
         "connections":[{"source":"start","outcome":"done","target":"joint-review"},{"source":"joint-review","outcome":"done","target":"end"}]}
        """)!.AsObject();

    private static readonly Actor MarketClerk = new("clerk-li", null, [ActorRoles.Clerk], ["market-supervision"], ["intake-clerk", "reviewer"]);
    private static readonly Actor FireClerk = new("clerk-fu", null, [ActorRoles.Clerk], ["fire-safety"], ["reviewer"]);
    private static readonly Actor Applicant = new("applicant-chen", null, [ActorRoles.Applicant]);

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, new ManualClock(ManualClock.MondayMorning));
        var workflows = _folder.File("workflows");
        Procedures.Write(workflows, Procedure());
        Procedures.Write(workflows, Child());
        await _host.ImportAsync(workflows, publish: true);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>The outcome's task as its stored row says it should read.</summary>
    private static OpenedTask AsStored(WorkTask t, string rootCaseId) =>
        new(t.Id, t.CaseId, rootCaseId, t.ActivityId, t.Title, t.Department, t.Role, t.Assignee, t.DueAt, t.DueDate);

    [Test]
    public async Task A_start_lists_its_first_task_as_stored_with_its_due_date()
    {
        var outcome = await _host.Runtime.StartAsync("next-steps", null, null, Applicant);

        var intake = await _host.OpenTaskAsync(outcome.CaseId, "intake");
        Assert.That(outcome.OpenedTasks, Is.EqualTo(new[] { AsStored(intake, outcome.CaseId) }));
        Assert.That(intake.DueDate, Is.Not.Null, "the row the outcome is compared with has a due date");
    }

    [Test]
    public async Task A_completion_into_a_fork_lists_exactly_the_two_tasks_it_opened()
    {
        var caseId = (await _host.Runtime.StartAsync("next-steps", null, null, Applicant)).CaseId;
        var intake = await _host.OpenTaskAsync(caseId, "intake");

        var outcome = await _host.Tasks.CompleteAsync(intake.Id, "done", null, MarketClerk);

        var review = await _host.OpenTaskAsync(caseId, "review");
        var opinion = await _host.OpenTaskAsync(caseId, "opinion");
        Assert.That(outcome.OpenedTasks, Is.EquivalentTo(new[] { AsStored(review, caseId), AsStored(opinion, caseId) }));
    }

    [Test]
    public async Task Each_caller_is_shown_only_the_opened_tasks_they_may_see()
    {
        var caseId = (await _host.Runtime.StartAsync("next-steps", null, null, Applicant)).CaseId;
        var outcome = await _host.Tasks.CompleteAsync((await _host.OpenTaskAsync(caseId, "intake")).Id, "done", null, MarketClerk);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.OpenedTasksFor(MarketClerk).Select(t => t.ActivityId), Is.EqualTo(new[] { "review" }));
            Assert.That(outcome.OpenedTasksFor(FireClerk).Select(t => t.ActivityId), Is.EqualTo(new[] { "opinion" }));
            Assert.That(outcome.OpenedTasksFor(Applicant), Is.Empty);
            Assert.That(outcome.OpenedTasksFor(new Actor("auditor-sun", null, [ActorRoles.Auditor])), Has.Count.EqualTo(2));
        }
    }

    [Test]
    public async Task A_completion_that_waits_at_a_join_opens_none_and_the_one_that_starts_a_sub_procedure_lists_its_first_task()
    {
        var caseId = (await _host.Runtime.StartAsync("next-steps", null, null, Applicant)).CaseId;
        await _host.Tasks.CompleteAsync((await _host.OpenTaskAsync(caseId, "intake")).Id, "done", null, MarketClerk);

        var waiting = await _host.Tasks.CompleteAsync((await _host.OpenTaskAsync(caseId, "review")).Id, "done", null, MarketClerk);
        var calling = await _host.Tasks.CompleteAsync((await _host.OpenTaskAsync(caseId, "opinion")).Id, "done", null, FireClerk);

        string childId;
        await using (var db = _host.Db())
            childId = db.Cases.Single(c => c.ParentCaseId == caseId).Id;
        var jointReview = await _host.OpenTaskAsync(childId, "joint-review");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(waiting.OpenedTasks, Is.Empty);
            Assert.That(calling.OpenedTasks, Is.EqualTo(new[] { AsStored(jointReview, caseId) }));
            Assert.That(calling.OpenedTasksFor(FireClerk).Single().CaseId, Is.EqualTo(childId), "the sub-procedure's task, under the case the applicant knows");
        }
    }

    [Test]
    public async Task A_completion_that_ends_the_case_through_its_sub_procedure_opens_none()
    {
        var caseId = (await _host.Runtime.StartAsync("next-steps", null, null, Applicant)).CaseId;
        await _host.Tasks.CompleteAsync((await _host.OpenTaskAsync(caseId, "intake")).Id, "done", null, MarketClerk);
        await _host.Tasks.CompleteAsync((await _host.OpenTaskAsync(caseId, "review")).Id, "done", null, MarketClerk);
        var calling = await _host.Tasks.CompleteAsync((await _host.OpenTaskAsync(caseId, "opinion")).Id, "done", null, FireClerk);

        var ending = await _host.Tasks.CompleteAsync(calling.OpenedTasks.Single().Id, "done", null, FireClerk);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((await _host.CaseAsync(caseId)).Status, Is.EqualTo(CaseStatus.Completed), "the parent ended with its child");
            Assert.That(ending.OpenedTasks, Is.Empty);
        }
    }
}
