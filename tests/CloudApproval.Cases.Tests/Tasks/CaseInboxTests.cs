using System.Text.Json.Nodes;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Tasks;

/// <summary>
/// The inbox filtered to one case (how a clerk finds the task an applicant's submission opened): what the clerk holds
/// and what they may claim in that case, read as one sorted query, paged like any inbox.
/// </summary>
public sealed class CaseInboxTests
{
    private const string Market = "market-supervision";
    private static readonly Actor Wang = new("clerk-wang", null, [ActorRoles.Clerk], [Market], ["intake-clerk"]);
    private static readonly Actor Auditor = new("auditor-sun", null, [ActorRoles.Auditor], [], []);

    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private string _case = null!;
    private List<WorkTask> _tasks = null!;

    /// <summary>Three parallel tasks: two for intake clerks, one for a reviewer, all in the market department.</summary>
    private static JsonObject ThreeChecks() => JsonNode.Parse("""
        {
          "definitionId": "three-checks",
          "version": 1,
          "name": "Three checks (test procedure)",
          "variables": [],
          "activities": [
            { "id": "start", "type": "Start", "inputs": {} },
            { "id": "fork", "type": "Fork", "inputs": { "branches": ["a", "b", "c"] } },
            { "id": "check-a", "type": "UserTask", "inputs": { "title": "Check A", "role": "intake-clerk", "department": "market-supervision", "outcomes": ["ok"] } },
            { "id": "check-b", "type": "UserTask", "inputs": { "title": "Check B", "role": "intake-clerk", "department": "market-supervision", "outcomes": ["ok"] } },
            { "id": "review", "type": "UserTask", "inputs": { "title": "Review", "role": "reviewer", "department": "market-supervision", "outcomes": ["ok"] } },
            { "id": "join", "type": "Join", "inputs": { "fork": "fork" } },
            { "id": "end", "type": "End", "inputs": { "outcome": "approved" } }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "fork" },
            { "source": "fork", "outcome": "a", "target": "check-a" },
            { "source": "fork", "outcome": "b", "target": "check-b" },
            { "source": "fork", "outcome": "c", "target": "review" },
            { "source": "check-a", "outcome": "ok", "target": "join" },
            { "source": "check-b", "outcome": "ok", "target": "join" },
            { "source": "review", "outcome": "ok", "target": "join" },
            { "source": "join", "outcome": "done", "target": "end" }
          ]
        }
        """)!.AsObject();

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, new ManualClock(ManualClock.MondayMorning));
        var workflows = Procedures.CopySeeds(_folder);
        Procedures.Write(workflows, ThreeChecks());
        await _host.ImportAsync(workflows);
        // Another case of the same shape first, so its tasks are in the department's inbox but must not be in this case's.
        await _host.Runtime.StartAsync("three-checks", null, null, Actor.Operator("applicant-chen"));
        _case = (await _host.Runtime.StartAsync("three-checks", null, null, Actor.Operator("applicant-chen"))).CaseId;
        // Wang holds check B, the later of the two: held and claimable interleave in id order.
        await _host.Tasks.ClaimAsync((await _host.OpenTaskAsync(_case, "check-b")).Id, Actor.Operator(Wang.Id));
        _tasks = await _host.TasksOfAsync(_case);
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<List<TaskView>> AllPagesAsync(TaskQuery query, Actor actor)
    {
        var seen = new List<TaskView>();
        string? cursor = null;
        do
        {
            var page = await _host.Get<TaskInbox>().ListAsync(query with { After = cursor }, actor);
            Assert.That(page.Tasks, Has.Count.LessThanOrEqualTo(query.Limit));
            seen.AddRange(page.Tasks);
            cursor = page.NextCursor;
            Assert.That(seen, Has.Count.LessThan(20), "paging terminates");
        }
        while (cursor is not null);
        return seen;
    }

    private long IdOf(string activityId) => _tasks.Single(t => t.ActivityId == activityId).Id;

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(50)]
    public async Task A_clerks_inbox_of_one_case_lists_what_they_hold_and_may_claim_there_each_once_in_order(int limit)
    {
        var seen = await AllPagesAsync(new TaskQuery { Mine = true, CaseId = _case, Limit = limit }, Wang);

        Assert.That(seen.Select(t => t.Id), Is.EqualTo(new[] { IdOf("check-a"), IdOf("check-b") }), "not the reviewer's task, nothing of the other case");
        Assert.That(seen.Select(t => t.Assignee), Is.EqualTo(new[] { null, Wang.Id }));
        Assert.That(seen, Is.All.Property(nameof(TaskView.CaseId)).EqualTo(_case));
    }

    [TestCase(1)]
    [TestCase(50)]
    public async Task Everything_open_or_claimed_in_one_case_is_listed_for_an_auditor_each_once(int limit)
    {
        var seen = await AllPagesAsync(new TaskQuery { CaseId = _case, Limit = limit }, Auditor);

        Assert.That(seen.Select(t => t.Id), Is.EqualTo(new[] { IdOf("check-a"), IdOf("check-b"), IdOf("review") }));
    }

    [Test]
    public async Task A_case_inbox_limited_to_claimed_tasks_lists_only_the_held_one()
    {
        var seen = await AllPagesAsync(new TaskQuery { CaseId = _case, Statuses = [WorkTaskStatus.Claimed] }, Auditor);

        Assert.That(seen.Select(t => t.Id), Is.EqualTo(new[] { IdOf("check-b") }));
    }
}
