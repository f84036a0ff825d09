using System.Text.Json.Nodes;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Instances;

/// <summary>A parent that ends while its sub-procedure still runs ends the child too, visibly (issue #15 item 13).</summary>
public sealed class SubProcedureTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;

    private static JsonObject Parent() => JsonNode.Parse("""
        {"definitionId":"parent","version":1,"name":"Parent",
         "activities":[{"id":"start","type":"Start"},{"id":"fork","type":"Fork","inputs":{"branches":["a","b"]}},
           {"id":"call","type":"CallProcedure","inputs":{"definitionId":"child","outcomes":["completed"]}},
           {"id":"withdraw","type":"UserTask","inputs":{"title":"Withdraw?","role":"intake-clerk","department":"market-supervision","outcomes":["withdraw"]}},
           {"id":"end","type":"End","inputs":{"outcome":"approved"}},{"id":"withdrawn","type":"End","inputs":{"outcome":"withdrawn"}}],
         "connections":[{"source":"start","outcome":"done","target":"fork"},{"source":"fork","outcome":"a","target":"call"},
           {"source":"fork","outcome":"b","target":"withdraw"},{"source":"call","outcome":"completed","target":"end"},
           {"source":"withdraw","outcome":"withdraw","target":"withdrawn"}]}
        """)!.AsObject();

    private static JsonObject Child() => JsonNode.Parse("""
        {"definitionId":"child","version":1,"name":"Child",
         "activities":[{"id":"start","type":"Start"},
           {"id":"review","type":"UserTask","inputs":{"title":"Joint review","role":"reviewer","department":"fire-safety","outcomes":["done"],"deadline":"5wd"}},
           {"id":"end","type":"End","inputs":{"outcome":"completed"}},{"id":"late","type":"End","inputs":{"outcome":"terminated"}}],
         "connections":[{"source":"start","outcome":"done","target":"review"},{"source":"review","outcome":"done","target":"end"},
           {"source":"review","outcome":"expired","target":"late"}]}
        """)!.AsObject();

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, new ManualClock(ManualClock.MondayMorning));
        var workflows = _folder.File("workflows");
        Procedures.Write(workflows, Parent());
        Procedures.Write(workflows, Child());
        await _host.ImportAsync(workflows, publish: true);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Test]
    public async Task AParentThatEnds_TerminatesItsRunningChild_WithItsTasksAndTimers()
    {
        var parentId = (await _host.Runtime.StartAsync("parent", null, null, Actor.Operator("applicant-chen"))).CaseId;
        string childId;
        await using (var db = _host.Db())
            childId = db.Cases.Single(c => c.ParentCaseId == parentId).Id;
        var review = await _host.OpenTaskAsync(childId, "review");

        await _host.Tasks.CompleteAsync((await _host.OpenTaskAsync(parentId, "withdraw")).Id, "withdraw", null, Actor.Operator("clerk-li"));

        var parent = await _host.CaseAsync(parentId);
        var child = await _host.CaseAsync(childId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((parent.Status, parent.Outcome), Is.EqualTo((CaseStatus.Completed, "withdrawn")));
            Assert.That((child.Status, child.Outcome), Is.EqualTo((CaseStatus.Completed, "terminated")));
            Assert.That((await _host.TaskAsync(review.Id)).Status, Is.EqualTo(WorkTaskStatus.Cancelled));
            Assert.That((await _host.TimersOfAsync(childId)).Select(t => t.Status), Is.All.EqualTo(Cases.Timers.CaseTimerStatus.Cancelled));
            Assert.That((await _host.AuditAsync(childId)).Select(e => e.Action), Does.Contain("case-terminated"));
            Assert.That((await _host.VerifyAsync(childId)).Intact, Is.True);
        }
    }

    [Test]
    public async Task Tasks_filtered_to_a_root_case_include_its_sub_procedures_and_to_a_sub_procedure_only_its_own()
    {
        var parentId = (await _host.Runtime.StartAsync("parent", null, null, Actor.Operator("applicant-chen"))).CaseId;
        var otherId = (await _host.Runtime.StartAsync("parent", null, null, Actor.Operator("applicant-chen"))).CaseId;
        string childId;
        await using (var db = _host.Db())
            childId = db.Cases.Single(c => c.ParentCaseId == parentId).Id;
        var inbox = _host.Get<TaskInbox>();
        var auditor = Actor.Operator("auditor");

        async Task<List<string>> ActivitiesAsync(string caseId, bool mine = false, Actor? actor = null) =>
            [.. (await inbox.ListAsync(new TaskQuery { CaseId = caseId, Mine = mine }, actor ?? auditor)).Tasks
                .Select(t => $"{(t.CaseId == parentId ? "parent" : t.CaseId == childId ? "child" : t.CaseId)}:{t.ActivityId}").Order()];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await ActivitiesAsync(parentId), Is.EqualTo(new[] { "child:review", "parent:withdraw" }), "the root names its tree");
            Assert.That(await ActivitiesAsync(childId), Is.EqualTo(new[] { "child:review" }), "a sub-procedure names only itself");
            Assert.That(await ActivitiesAsync(otherId), Has.Count.EqualTo(2).And.None.StartsWith("parent:").And.None.StartsWith("child:"), "another tree's tasks stay out");
            // A clerk's inbox filtered to the tree: only their department's part of it, paged one by one.
            var clerk = new Actor("clerk-fire", null, [ActorRoles.Clerk], ["fire-safety"], ["reviewer"]);
            Assert.That(await ActivitiesAsync(parentId, mine: true, actor: clerk), Is.EqualTo(new[] { "child:review" }));
            var first = await inbox.ListAsync(new TaskQuery { CaseId = parentId, Mine = false, Limit = 1 }, auditor);
            var second = await inbox.ListAsync(new TaskQuery { CaseId = parentId, Mine = false, Limit = 1, After = first.NextCursor }, auditor);
            Assert.That(first.Tasks.Concat(second.Tasks).Select(t => t.ActivityId).Order(), Is.EqualTo(new[] { "review", "withdraw" }));
            Assert.That(second.NextCursor, Is.Null);
        }
    }
}
