using System.Text.Json.Nodes;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Instances;

/// <summary>Case lists: only what the reader may read, filtered, newest first, keyset-paged; case files carry structured timelines.</summary>
public sealed class CaseListTests
{
    private static readonly Actor Chen = new("applicant-chen", null, [ActorRoles.Applicant]);
    private static readonly Actor Liu = new("applicant-liu", null, [ActorRoles.Applicant]);
    private static readonly Actor Li = new("clerk-li", null, [ActorRoles.Clerk], ["market-supervision"], ["intake-clerk"]);
    private static readonly Actor Wang = new("clerk-wang", null, [ActorRoles.Clerk], ["planning-resources"], ["intake-clerk"]);
    private static readonly Actor Sun = new("auditor-sun", null, [ActorRoles.Auditor]);

    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private ManualClock _clock = null!;
    private List<string> _chens = null!;
    private List<string> _lius = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _clock = new ManualClock(ManualClock.MondayMorning);
        _host = await CasesHost.StartAsync(_folder, _clock);
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending", "commitment"));
        _chens = [];
        _lius = [];
        for (var i = 0; i < 5; i++)
        {
            _chens.Add((await _host.Runtime.StartAsync(i % 2 == 0 ? "deficiency-pending" : "commitment", null, Market, Chen)).CaseId);
            _clock.Advance(TimeSpan.FromMinutes(1));
            _lius.Add((await _host.Runtime.StartAsync("deficiency-pending", null, Planning, Liu)).CaseId);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }
    }

    private static JsonObject Market => new() { ["department"] = "market-supervision" };

    private static JsonObject Planning => new() { ["department"] = "planning-resources" };

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private Task<CasePage> ListAsync(CaseQuery query, Actor actor) => _host.Get<CaseList>().ListAsync(query, actor);

    [Test]
    public async Task AnApplicant_SeesTheirOwnCases_NewestFirst()
    {
        var page = await ListAsync(new CaseQuery(), Chen);

        Assert.That(page.Cases.Select(c => c.Id), Is.EqualTo(Enumerable.Reverse(_chens)));
        Assert.That(page.Cases.Select(c => c.Applicant), Is.All.EqualTo("applicant-chen"));
        Assert.That(page.Cases[0].ProcedureName, Is.Not.Empty);
    }

    [Test]
    public async Task Staff_SeeTheCasesWithATaskOfTheirDepartment_AuditorsSeeAll()
    {
        Assert.That((await ListAsync(new CaseQuery(), Li)).Cases.Select(c => c.Id), Is.EquivalentTo(_chens));
        Assert.That((await ListAsync(new CaseQuery(), Wang)).Cases.Select(c => c.Id), Is.EquivalentTo(_lius));
        Assert.That((await ListAsync(new CaseQuery { Limit = 100 }, Sun)).Cases, Has.Count.EqualTo(10));
    }

    [Test]
    public async Task Filters_ByProcedureDepartmentApplicantAndOverdue()
    {
        Assert.That((await ListAsync(new CaseQuery { Procedure = "commitment" }, Sun)).Cases.Select(c => c.Id), Is.EquivalentTo(new[] { _chens[1], _chens[3] }));
        Assert.That((await ListAsync(new CaseQuery { Department = "planning-resources" }, Sun)).Cases.Select(c => c.Id), Is.EquivalentTo(_lius));
        Assert.That((await ListAsync(new CaseQuery { Applicant = "applicant-liu" }, Li)).Cases, Is.Empty, "a filter never widens what one may read");
        Assert.That((await ListAsync(new CaseQuery { Overdue = true }, Sun)).Cases, Is.Empty, "no legal clock runs yet");
    }

    [Test]
    public async Task KeysetPaging_ReturnsEveryCaseOnce_InOrder()
    {
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await ListAsync(new CaseQuery { Limit = 3, After = cursor }, Sun);
            seen.AddRange(page.Cases.Select(c => c.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.That(seen, Is.EqualTo((await ListAsync(new CaseQuery { Limit = 100 }, Sun)).Cases.Select(c => c.Id)));
        Assert.That(seen, Is.Unique.And.Count.EqualTo(10));
    }

    [Test]
    public async Task ABadCursorOrLimit_IsRefused_NamingIt()
    {
        var cursor = await Expect.RefusedAsync(() => ListAsync(new CaseQuery { After = "nonsense" }, Sun));
        var limit = await Expect.RefusedAsync(() => ListAsync(new CaseQuery { Limit = 0 }, Sun));

        Assert.That(cursor.Message, Does.Contain("'nonsense' is not a page cursor"));
        Assert.That(limit.Message, Does.Contain("limit must be between 1 and 500"));
    }

    [Test]
    public async Task TheCaseFile_HasTheTimelineWithTheEnginesEffectsAsData()
    {
        var file = await _host.Get<CaseHistory>().GetAsync(_chens[0], Chen);

        var start = file.Timeline.Single();
        Assert.That(start.Action, Is.EqualTo("case-started"));
        Assert.That(start.Effects!.AsArray().Select(e => e!["kind"]!.GetValue<string>()), Does.Contain("taskCreated"));
        Assert.That(start.Journal, Is.Not.Empty);
        Assert.That(file.Input!["department"]!.GetValue<string>(), Is.EqualTo("market-supervision"));
        Assert.That(file.Tasks.Single().Form, Is.InstanceOf<JsonArray>(), "JSON as JSON, not a string");
        Assert.That(file.Tasks.Single().WorkingDaysLeft, Is.Not.Null, "a dated task says how many working days are left");
        Assert.That(file.WaitingFor, Is.Empty, "the pre-review task waits, not an event");
    }
}
