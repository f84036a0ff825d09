using System.Text.Json.Nodes;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tests.Tasks;

/// <summary>One database for the fixture: the tests only read it.</summary>
public sealed class TaskInboxTests
{
    private const string Market = "market-supervision";
    private const string Health = "health-commission";
    private static readonly Actor Wang = new("clerk-wang", null, [ActorRoles.Clerk], [Market], ["intake-clerk"]);

    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private List<WorkTask> _all = null!;
    private Dictionary<string, string> _rootOf = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        var clock = new ManualClock(ManualClock.MondayMorning);
        _host = await CasesHost.StartAsync(_folder, clock);
        var workflows = Procedures.CopySeeds(_folder, "deficiency-pending");
        Procedures.Write(workflows, Procedures.ParallelCheck());
        await _host.ImportAsync(workflows);
        // Cases over three days in two departments, not in day order: due dates differ by day and tie within a day, and
        // creation order (ids) is not due order.
        var started = new List<string>();
        foreach (var (day, department) in new[] { (2, Market), (2, Market), (0, Health), (1, Market), (0, Health), (2, Market), (1, Market), (0, Market) })
        {
            clock.Set(ManualClock.MondayMorning.AddDays(day));
            started.Add(await _host.StartDeficiencyAsync(new JsonObject { ["department"] = department }));
        }
        // Tasks with no due date (the test procedure's check) sort after every dated one; one is created first of all.
        clock.Set(ManualClock.MondayMorning.AddDays(-1));
        await _host.Runtime.StartAsync("parallel-check", null, null, Actor.Operator("applicant-chen"));
        clock.Set(ManualClock.MondayMorning.AddDays(3));
        await _host.Runtime.StartAsync("parallel-check", null, null, Actor.Operator("applicant-chen"));
        // One case moves on to review (another role), one task is claimed, one case is closed at intake.
        await _host.Tasks.CompleteAsync((await _host.OpenTaskAsync(started[0], "pre-review")).Id, "accept", null, Actor.Operator("clerk-li"));
        await _host.Tasks.ClaimAsync((await _host.OpenTaskAsync(started[1], "pre-review")).Id, Actor.Operator("clerk-li"));
        await _host.Tasks.CompleteAsync((await _host.OpenTaskAsync(started[2], "pre-review")).Id, "reject", null, Actor.Operator("clerk-zhang"));
        // Clerk Wang holds a dated task and an undated one: their inbox merges what they hold with what they may claim.
        await _host.Tasks.ClaimAsync((await _host.OpenTaskAsync(started[3], "pre-review")).Id, Actor.Operator(Wang.Id));
        await using var db = _host.Db();
        var undated = await db.Tasks.AsNoTracking().Where(t => t.DueAt == null && t.Status == WorkTaskStatus.Open).OrderBy(t => t.Id).FirstAsync();
        await _host.Tasks.ClaimAsync(undated.Id, Actor.Operator(Wang.Id));
        _all = await db.Tasks.AsNoTracking().ToListAsync();
        _rootOf = await db.Cases.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.RootCaseId);
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private Task<TaskPage> ListAsync(TaskQuery query) => _host.Get<TaskInbox>().ListAsync(query, Actor.Operator("supervisor"));

    private static IEnumerable<long> Ids(IEnumerable<WorkTask> tasks) => tasks.Select(t => t.Id);

    private static IEnumerable<long> Ids(IEnumerable<TaskView> tasks) => tasks.Select(t => t.Id);

    private IEnumerable<WorkTask> Active => _all.Where(t => t.Status is WorkTaskStatus.Open or WorkTaskStatus.Claimed);

    [Test]
    public async Task List_ShowsOpenAndClaimedTasksOnly_ByDefault()
    {
        var page = await ListAsync(new TaskQuery());

        Assert.That(Ids(page.Tasks), Is.EquivalentTo(Ids(Active)));
        Assert.That(_all.Count(t => t.Status == WorkTaskStatus.Completed), Is.EqualTo(2), "the fixture has closed tasks to leave out");
    }

    [Test]
    public async Task List_FiltersByDepartment()
    {
        var page = await ListAsync(new TaskQuery { Department = Health });

        Assert.That(page.Tasks, Is.Not.Empty);
        Assert.That(Ids(page.Tasks), Is.EquivalentTo(Ids(Active.Where(t => t.Department == Health))));
        Assert.That(Ids(page.Tasks), Is.Not.EquivalentTo(Ids(Active)), "the filter leaves something out");
    }

    [Test]
    public async Task List_FiltersByRole()
    {
        var page = await ListAsync(new TaskQuery { Role = "reviewer" });

        Assert.That(page.Tasks.Select(t => t.ActivityId), Is.EqualTo(new[] { "review" }));
    }

    [Test]
    public async Task List_FiltersByAssignee()
    {
        var page = await ListAsync(new TaskQuery { Assignee = "clerk-li" });

        Assert.That(page.Tasks, Has.Count.EqualTo(1));
        Assert.That(page.Tasks[0].Status, Is.EqualTo(WorkTaskStatus.Claimed));
    }

    [Test]
    public async Task List_CombinesFilters()
    {
        var page = await ListAsync(new TaskQuery { Department = Market, Role = "intake-clerk" });

        Assert.That(Ids(page.Tasks), Is.EquivalentTo(Ids(Active.Where(t => t.Department == Market && t.Role == "intake-clerk"))));
    }

    [Test]
    public async Task List_SortsBySoonestDue_ThenById()
    {
        var page = await ListAsync(new TaskQuery());

        var expected = Active.OrderBy(t => t.DueAt ?? DateTime.MaxValue).ThenBy(t => t.Id).ToList();
        Assert.That(Ids(page.Tasks), Is.EqualTo(Ids(expected)));
        Assert.That(page.Tasks.Select(t => t.DueAt).Distinct().Count(), Is.GreaterThan(2), "the fixture has several due dates");
        Assert.That(page.Tasks.GroupBy(t => t.DueAt).Any(g => g.Count() > 1), Is.True, "and ties broken by id");
        Assert.That(Ids(page.Tasks), Is.Not.Ordered, "due order is not creation order here, so the sort is real");
        Assert.That(page.Tasks.TakeLast(2).Select(t => t.DueAt), Is.All.Null, "undated last");
        Assert.That(page.Tasks.SkipLast(2).Select(t => t.DueAt), Is.All.Not.Null);
        Assert.That(page.NextCursor, Is.Null);
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task List_PagesByKeyset_ReturningEveryTaskOnceInOrder(int limit)
    {
        var seen = new List<TaskView>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await ListAsync(new TaskQuery { Limit = limit, After = cursor });
            Assert.That(page.Tasks, Has.Count.LessThanOrEqualTo(limit));
            seen.AddRange(page.Tasks);
            cursor = page.NextCursor;
            pages++;
            Assert.That(pages, Is.LessThan(50), "paging terminates");
        }
        while (cursor is not null);

        var all = await ListAsync(new TaskQuery { Limit = 500 });
        Assert.That(Ids(seen), Is.EqualTo(Ids(all.Tasks)));
        Assert.That(Ids(seen), Is.Unique);
        Assert.That(pages, Is.EqualTo((all.Tasks.Count + limit - 1) / limit));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(50)]
    public async Task An_inbox_pages_what_the_clerk_holds_and_may_claim_dated_and_undated_each_once_in_due_order(int limit)
    {
        var inbox = _host.Get<TaskInbox>();
        var seen = new List<TaskView>();
        string? cursor = null;
        do
        {
            var page = await inbox.ListAsync(new TaskQuery { Mine = true, Limit = limit, After = cursor }, Wang);
            Assert.That(page.Tasks, Has.Count.LessThanOrEqualTo(limit));
            seen.AddRange(page.Tasks);
            cursor = page.NextCursor;
            Assert.That(seen, Has.Count.LessThan(100), "paging terminates");
        }
        while (cursor is not null);

        var expected = Active.Where(t => t.Assignee == Wang.Id
                || (t.Status == WorkTaskStatus.Open && t.Department == Market && t.Role == "intake-clerk"))
            .OrderBy(t => t.DueAt ?? DateTime.MaxValue).ThenBy(t => t.Id).ToList();
        Assert.That(Ids(seen), Is.EqualTo(Ids(expected)));
        var held = seen.Where(t => t.Assignee == Wang.Id).ToList();
        Assert.That(held.Select(t => t.DueAt is null), Is.EquivalentTo(new[] { false, true }), "held: one dated, one undated");
        Assert.That(seen.Count(t => t.DueAt is null), Is.GreaterThan(1), "the held undated task sorts among the claimable undated ones by id");
        Assert.That(seen.Select(t => t.RootCaseId), Is.EqualTo(expected.Select(t => _rootOf[t.CaseId])), "each with its case's number");
        Assert.That(seen.Where(t => t.DueAt is not null).Select(t => t.WorkingDaysLeft), Is.All.Not.Null);
    }

    [Test]
    public async Task List_PagesWithinAFilter()
    {
        var first = await ListAsync(new TaskQuery { Department = Market, Limit = 2 });
        var second = await ListAsync(new TaskQuery { Department = Market, Limit = 2, After = first.NextCursor });

        Assert.That(first.NextCursor, Is.Not.Null);
        Assert.That(first.Tasks.Concat(second.Tasks), Is.All.Property(nameof(WorkTask.Department)).EqualTo(Market));
        Assert.That(Ids(first.Tasks).Intersect(Ids(second.Tasks)), Is.Empty);
    }

    [TestCase("garbage")]
    [TestCase("12.")]
    [TestCase("-5.3")]
    public async Task List_Fails_WhenTheCursorIsNotOneItGaveOut(string cursor)
    {
        var error = await Expect.RefusedAsync(() => ListAsync(new TaskQuery { After = cursor }));

        Assert.That(error.Code, Is.EqualTo("invalid-input"));
        Assert.That(error.Message, Does.Contain(cursor));
    }

    [TestCase(0)]
    [TestCase(501)]
    public async Task List_Fails_WhenTheLimitIsOutOfRange(int limit)
    {
        var error = await Expect.RefusedAsync(() => ListAsync(new TaskQuery { Limit = limit }));

        Assert.That(error.Code, Is.EqualTo("invalid-input"));
    }
}
