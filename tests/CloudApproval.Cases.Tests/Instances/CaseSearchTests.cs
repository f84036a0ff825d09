using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Efficiency;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tasks;
using CloudApproval.Engine.Runtime;
using CloudApproval.Cases.Tests.Applications;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CloudApproval.Cases.Tests.Instances;

/// <summary>
/// An auditor's case search by matter, received day, outcome, and the legal clock's state (suspended, extended), on
/// cases driven there by the seed procedures; the clock columns agree with the state or the consistency check says so, and
/// the ProjectLegalClock migration projects them on rows written before they existed.
/// </summary>
public sealed class CaseSearchTests
{
    private static readonly Actor Sun = new("auditor-sun", null, [ActorRoles.Auditor]);
    private static readonly DateOnly Monday = new(2026, 3, 2);
    private static readonly DateOnly Wednesday = new(2026, 3, 4);

    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private ManualClock _clock = null!;
    /// <summary>Applied online for the food business licence on Monday.</summary>
    private string _applied = null!;
    /// <summary>Not accepted (outcome rejected), received Wednesday.</summary>
    private string _rejected = null!;
    /// <summary>Its limit extended by the head (art. 42), received Wednesday.</summary>
    private string _extended = null!;
    /// <summary>Its clock suspended for a hearing, received Wednesday.</summary>
    private string _suspended = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _clock = new ManualClock(ManualClock.MondayMorning);
        _host = await CasesHost.StartAsync(_folder, _clock);
        await _host.ImportAsync();
        (_, _applied) = await OnlineApplicant.SubmittedAsync(_host, OnlineApplicant.Chen);
        _clock.Advance(TimeSpan.FromDays(2));

        _rejected = await _host.StartDeficiencyAsync();
        await CompleteAsync(_rejected, "pre-review", "reject", new JsonObject { ["reason"] = "not a food business" });

        _extended = await _host.StartDeficiencyAsync();
        await CompleteAsync(_extended, "pre-review", "accept");
        await CompleteAsync(_extended, "review", "request-extension", new JsonObject { ["opinion"] = "the layout needs a second look" });
        await CompleteAsync(_extended, "head-approval", "approve", new JsonObject { ["reasons"] = "the storage layout must be checked" });

        _suspended = (await _host.Runtime.StartAsync("online-hearing", null, null, Actor.Operator("applicant-liu"))).CaseId;
        await CompleteAsync(_suspended, "pre-review", "accept");
        await _host.Runtime.SendEventAsync(_suspended, "hearing-requested", new JsonObject { ["by"] = "a neighbour", ["interest"] = "daylight" }, Actor.Operator("applicant-liu"));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private async Task CompleteAsync(string caseId, string activity, string outcome, JsonObject? data = null)
    {
        var outcomeOf = await _host.Tasks.CompleteAsync((await _host.OpenTaskAsync(caseId, activity)).Id, outcome, data, Actor.Operator("staff"));
        Assert.That(outcomeOf.Faulted, Is.False, $"{caseId} {activity}");
    }

    private async Task<IEnumerable<string>> FoundAsync(CaseQuery query) =>
        (await _host.Get<CaseList>().ListAsync(query with { Limit = 100 }, Sun)).Cases.Select(c => c.Id);

    [Test]
    public async Task Search_by_matter_received_day_and_outcome_finds_exactly_those_cases()
    {
        Assert.That(await FoundAsync(new CaseQuery { Matter = OnlineApplicant.Matter }), Is.EqualTo(new[] { _applied }));
        Assert.That(await FoundAsync(new CaseQuery { Matter = "outdoor-advertising-permit" }), Is.Empty);
        Assert.That(await FoundAsync(new CaseQuery { To = Monday }), Is.EqualTo(new[] { _applied }));
        Assert.That(await FoundAsync(new CaseQuery { From = Wednesday }), Is.EquivalentTo(new[] { _rejected, _extended, _suspended }));
        Assert.That(await FoundAsync(new CaseQuery { From = Monday.AddDays(1), To = Monday.AddDays(1) }), Is.Empty);
        Assert.That(await FoundAsync(new CaseQuery { Outcome = "rejected" }), Is.EqualTo(new[] { _rejected }));
    }

    [Test]
    public async Task Search_by_the_legal_clock_finds_the_suspended_and_the_extended_cases()
    {
        Assert.That(await FoundAsync(new CaseQuery { Suspended = true }), Is.EqualTo(new[] { _suspended }));
        Assert.That(await FoundAsync(new CaseQuery { Extended = true }), Is.EqualTo(new[] { _extended }));
        Assert.That(await FoundAsync(new CaseQuery { Suspended = false }), Is.EquivalentTo(new[] { _applied, _rejected, _extended }));
        Assert.That(await FoundAsync(new CaseQuery { Extended = true, Suspended = true }), Is.Empty);
    }

    [Test]
    public async Task A_day_range_ending_before_it_starts_is_refused_naming_from()
    {
        var refused = await Expect.RefusedAsync(() => _host.Get<CaseList>().ListAsync(new CaseQuery { From = Wednesday, To = Monday }, Sun));

        Assert.That(refused.Message, Is.EqualTo("from (2026-03-04) is after to (2026-03-02)"));
    }

    [Test]
    public async Task The_migration_projects_the_clock_columns_of_rows_written_before_them_without_touching_the_seal()
    {
        TestDatabases.RequireSqlite("PostgreSQL has one Initial migration: no database of it holds rows from before the clock columns");
        async Task<(ClockStatus?, bool)> InboxClockAsync(string caseId)
        {
            var page = await _host.Get<TaskInbox>().ListAsync(new TaskQuery { CaseId = caseId }, Sun);
            var context = page.Tasks.First(t => t.Status is WorkTaskStatus.Open or WorkTaskStatus.Claimed).Case!;
            return (context.Clock, context.Extended);
        }
        async Task<List<(string, ClockStatus?, bool)>> ColumnsAsync()
        {
            await using var db = _host.Db();
            return [.. (await db.Cases.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.LegalClock, c.ClockExtended }).ToListAsync())
                .Select(c => (c.Id, c.LegalClock, c.ClockExtended))];
        }

        var decided = await _host.StartDeficiencyAsync();
        await CompleteAsync(decided, "pre-review", "accept");
        await CompleteAsync(decided, "review", "approve", new JsonObject { ["opinion"] = "conditions met" });
        var projected = await ColumnsAsync();
        Assert.That(projected.Select(c => c.Item2), Is.SupersetOf(new ClockStatus?[] { ClockStatus.Running, ClockStatus.Suspended, ClockStatus.Stopped, null }));
        var inbox = (await InboxClockAsync(_suspended), await InboxClockAsync(_extended));
        Assert.That(inbox, Is.EqualTo(((ClockStatus.Suspended, false), (ClockStatus.Running, true))));

        // As a database from before the clock columns holds its rows: the columns unset, the migration not applied. The
        // consistency check reads the current schema, so it looks at the unset columns before the migrations are undone.
        RawSql.Execute(_host.Database, "UPDATE Cases SET LegalClock = NULL, ClockExtended = $no", ("$no", false));
        Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Sun), Has.Some.Contains($"{_suspended}: the case row says the legal clock is absent"),
            "an unprojected row is no longer excused");
        await using (var db = _host.Db()) await db.GetService<IMigrator>().MigrateAsync("DashboardIndexes");
        await using (var db = _host.Db()) await db.Database.MigrateAsync();

        Assert.That(await ColumnsAsync(), Is.EqualTo(projected));
        Assert.That((await InboxClockAsync(_suspended), await InboxClockAsync(_extended)), Is.EqualTo(inbox));
        Assert.That(await FoundAsync(new CaseQuery { Suspended = true }), Is.EqualTo(new[] { _suspended }));
        Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Sun), Is.Empty);
        foreach (var (id, _, _) in projected)
            Assert.That((await _host.VerifyAsync(id)).Intact, Is.True, $"{id}: the clock columns are not in the row digest");
    }

    [Test]
    public async Task The_clock_migration_leaves_a_row_whose_state_is_not_JSON_as_it_is()
    {
        TestDatabases.RequireSqlite("the migration runs on SQLite and SQL Server databases");
        await using (var db = _host.Db()) await db.GetService<IMigrator>().MigrateAsync("DashboardIndexes");
        RawSql.Execute(_host.Database, "UPDATE Cases SET LegalClock = NULL, StateJson = 'not json' WHERE Id = $id", ("$id", _suspended));

        await using (var db = _host.Db()) await db.Database.MigrateAsync();

        Assert.That(RawSql.Scalar(_host.Database, "SELECT LegalClock FROM Cases WHERE Id = $id", ("$id", _suspended)), Is.EqualTo(DBNull.Value));
        Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Sun), Has.One.StartsWith($"{_suspended}: the case row's state (StateJson) is not valid"));
    }

    [Test]
    public async Task The_matter_and_clock_migration_fills_both_columns_of_cases_written_before_they_existed()
    {
        TestDatabases.RequireSqlite("the migration runs on SQLite and SQL Server databases");
        async Task<Dictionary<string, string?>> MattersAsync()
        {
            await using var db = _host.Db();
            return await db.Cases.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.MatterCode);
        }
        async Task<Dictionary<string, LegalClockState?>> ClocksAsync()
        {
            await using var db = _host.Db();
            return (await db.Cases.AsNoTracking().ToListAsync()).ToDictionary(c => c.Id,
                c => c.ClockJson is null ? null : JsonSerializer.Deserialize<LegalClockState>(c.ClockJson, EngineJson.Options));
        }
        var clocks = await ClocksAsync();
        Assert.That(clocks[_suspended]?.Status, Is.EqualTo(ClockStatus.Suspended), "written with each transition");
        Assert.That(clocks[_extended]?.ExtensionWorkingDays, Is.GreaterThan(0));
        async Task<EfficiencyReport> ReportAsync() => await _host.Get<EfficiencyFigures>().RunAsync(Monday, Monday.AddDays(30), null, null, Sun);
        async Task<string> DashboardAsync() => JsonSerializer.Serialize(await ReportAsync());
        var matters = await MattersAsync();
        Assert.That(matters.Where(m => m.Value is not null), Is.EqualTo(new Dictionary<string, string?> { [_applied] = OnlineApplicant.Matter }),
            "set on submission, only on the case applied for online");
        Assert.That((await ReportAsync()).Days.Sum(d => d.Received), Is.EqualTo(1), "the dashboard counts the case applied for");
        var dashboard = await DashboardAsync();

        // As a database from before the column holds its rows: the migration undone (the column dropped), then applied.
        await using (var db = _host.Db()) await db.GetService<IMigrator>().MigrateAsync("ProjectLegalClock");
        await using (var db = _host.Db()) await db.Database.MigrateAsync();

        Assert.That(await MattersAsync(), Is.EqualTo(matters));
        var migrated = await ClocksAsync();
        Assert.That(migrated.Keys, Is.EquivalentTo(clocks.Keys));
        foreach (var (id, clock) in clocks)
            Assert.That(JsonSerializer.Serialize(migrated[id], EngineJson.Options), Is.EqualTo(JsonSerializer.Serialize(clock, EngineJson.Options)), id);
        Assert.That(await DashboardAsync(), Is.EqualTo(dashboard));
        Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Sun), Is.Empty);
        Assert.That((await _host.VerifyAsync(_applied)).Intact, Is.True, "the matter column is not in the row digest");
    }

    [Test]
    public async Task The_consistency_check_names_a_clock_json_column_that_disagrees_with_the_state()
    {
        RawSql.Execute(_host.Database, "UPDATE Cases SET ClockJson = NULL WHERE Id = $id", ("$id", _suspended));

        Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Sun),
            Is.EqualTo(new[] { $"{_suspended}: the case row's clock column (ClockJson) disagrees with the clock in its state" }));
    }

    [Test]
    public async Task The_consistency_check_names_a_matter_column_that_disagrees_with_the_application()
    {
        RawSql.Execute(_host.Database, "UPDATE Cases SET MatterCode = NULL WHERE Id = $id", ("$id", _applied));

        Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Sun),
            Is.EqualTo(new[] { $"{_applied}: the case row says matter none but its application says {OnlineApplicant.Matter}" }));
    }

    [Test]
    public async Task The_consistency_check_names_a_clock_column_that_disagrees_with_the_state()
    {
        Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Sun), Is.Empty);

        RawSql.Execute(_host.Database, "UPDATE Cases SET LegalClock = 'Running' WHERE Id = $id", ("$id", _suspended));

        Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Sun),
            Is.EqualTo(new[] { $"{_suspended}: the case row says the legal clock is Running but its state says Suspended" }));
    }
}
