using System.Text.Json.Nodes;
using CloudApproval.Cases.Access;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tests.Access;

/// <summary>
/// Staff case lists are read as a union of parts (the cases they applied for, the trees their department handles, the
/// trees their department works a task in) instead of probing every case: each part alone makes a case listed, a case
/// in several parts is listed once, paging crosses the parts, filters apply to all, and the list is exactly what
/// <see cref="CaseAccess.Readable"/> says.
/// </summary>
public sealed class StaffCaseListTests
{
    private static readonly Actor Li = new("clerk-li", null, [ActorRoles.Clerk], ["market-supervision"], ["intake-clerk"]);
    private static readonly Actor Wang = new("clerk-wang", null, [ActorRoles.Clerk], ["planning-resources"], ["intake-clerk"]);
    private static readonly Actor Zhao = new("clerk-zhao", null, [ActorRoles.Clerk], ["human-resources"], ["intake-clerk"]);
    private static readonly Actor Sun = new("auditor-sun", null, [ActorRoles.Auditor]);

    /// <summary>Handled by the department of its input, with no task of its own: its only task is the sub-procedure's.</summary>
    private static JsonObject HandedOver() => JsonNode.Parse("""
        {
          "definitionId": "handed-over", "version": 1, "name": "Handed over (test procedure)",
          "variables": [{ "name": "department", "type": "text" }],
          "activities": [
            { "id": "start", "type": "Start", "inputs": {} },
            { "id": "call", "type": "CallProcedure", "inputs": { "definitionId": "planning-opinion", "outcomes": ["completed"] } },
            { "id": "end", "type": "End", "inputs": { "outcome": "approved" } }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "call" },
            { "source": "call", "outcome": "completed", "target": "end" }
          ]
        }
        """)!.AsObject();

    private static JsonObject PlanningOpinion() => JsonNode.Parse("""
        {
          "definitionId": "planning-opinion", "version": 1, "name": "Planning opinion (test procedure)", "variables": [],
          "activities": [
            { "id": "start", "type": "Start", "inputs": {} },
            { "id": "opinion", "type": "UserTask", "inputs": { "title": "Opinion", "role": "intake-clerk", "department": "planning-resources", "outcomes": ["ok"] } },
            { "id": "end", "type": "End", "inputs": { "outcome": "completed" } }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "opinion" },
            { "source": "opinion", "outcome": "ok", "target": "end" }
          ]
        }
        """)!.AsObject();

    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private ManualClock _clock = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _clock = new ManualClock(ManualClock.MondayMorning);
        _host = await CasesHost.StartAsync(_folder, _clock);
        var workflows = Procedures.CopySeeds(_folder, "deficiency-pending");
        Procedures.Write(workflows, HandedOver());
        Procedures.Write(workflows, PlanningOpinion());
        await _host.ImportAsync(workflows);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private static JsonObject Handled(string department) => new() { ["department"] = department };

    private async Task<string> StartAsync(string procedure, string department, string applicant)
    {
        var id = (await _host.Runtime.StartAsync(procedure, null, Handled(department), Actor.Operator("intake"), applicant)).CaseId;
        _clock.Advance(TimeSpan.FromMinutes(1));
        return id;
    }

    private Task<CasePage> ListAsync(CaseQuery query, Actor actor) => _host.Get<CaseList>().ListAsync(query, actor);

    private async Task<List<string>> IdsAsync(CaseQuery query, Actor actor) => [.. (await ListAsync(query, actor)).Cases.Select(c => c.Id)];

    /// <summary>The root cases the access rule itself lets <paramref name="actor"/> read, newest first.</summary>
    private async Task<List<string>> ReadableAsync(Actor actor)
    {
        await using var db = _host.Db();
        return await db.Cases.Where(c => c.ParentCaseId == null).Readable(db, actor)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Select(c => c.Id).ToListAsync();
    }

    [Test]
    public async Task Each_part_alone_lists_a_case_exactly_as_the_access_rule_reads_it()
    {
        var handedOver = await StartAsync("handed-over", "market-supervision", "applicant-chen");
        var ownApplication = await StartAsync("deficiency-pending", "market-supervision", "clerk-wang");
        var planning = await StartAsync("deficiency-pending", "planning-resources", "applicant-liu");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await IdsAsync(new CaseQuery(), Wang), Is.EqualTo(new[] { planning, ownApplication, handedOver }),
                "worked in (a task in the sub-procedure), applied for, handled");
            Assert.That(await IdsAsync(new CaseQuery(), Li), Is.EqualTo(new[] { ownApplication, handedOver }),
                "handled without a task of its own yet, and handled with one");
            Assert.That(await IdsAsync(new CaseQuery(), Zhao), Is.Empty);
            foreach (var actor in new[] { Wang, Li, Zhao })
                Assert.That(await IdsAsync(new CaseQuery(), actor), Is.EqualTo(await ReadableAsync(actor)), actor.Id);
        }
    }

    [Test]
    public async Task A_case_readable_through_several_parts_is_listed_once()
    {
        // Applied for by Wang, handled by Wang's department, and with a task of it.
        var everything = await StartAsync("deficiency-pending", "planning-resources", "clerk-wang");

        Assert.That(await IdsAsync(new CaseQuery(), Wang), Is.EqualTo(new[] { everything }));
    }

    [Test]
    public async Task Paging_crosses_the_parts_and_returns_every_case_once_newest_first()
    {
        for (var i = 0; i < 3; i++)
        {
            await StartAsync("handed-over", "market-supervision", "applicant-chen");
            await StartAsync("deficiency-pending", "market-supervision", "clerk-wang");
            await StartAsync("deficiency-pending", "planning-resources", "applicant-liu");
            await StartAsync("deficiency-pending", "human-resources", "applicant-liu");
        }
        var expected = await ReadableAsync(Wang);

        foreach (var limit in new[] { 1, 2, 4 })
        {
            var seen = new List<string>();
            string? cursor = null;
            do
            {
                var page = await ListAsync(new CaseQuery { Limit = limit, After = cursor }, Wang);
                Assert.That(page.Cases, Has.Count.LessThanOrEqualTo(limit));
                seen.AddRange(page.Cases.Select(c => c.Id));
                cursor = page.NextCursor;
            }
            while (cursor is not null);
            Assert.That(seen, Is.EqualTo(expected), $"pages of {limit}");
        }
        Assert.That(expected, Has.Count.EqualTo(9));
    }

    [Test]
    public async Task Filters_apply_to_every_part()
    {
        var handedOver = await StartAsync("handed-over", "market-supervision", "applicant-chen");
        var ownApplication = await StartAsync("deficiency-pending", "market-supervision", "clerk-wang");
        var planning = await StartAsync("deficiency-pending", "planning-resources", "applicant-liu");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await IdsAsync(new CaseQuery { Procedure = "handed-over" }, Wang), Is.EqualTo(new[] { handedOver }));
            Assert.That(await IdsAsync(new CaseQuery { Procedure = "deficiency-pending" }, Wang), Is.EqualTo(new[] { planning, ownApplication }));
            Assert.That(await IdsAsync(new CaseQuery { Applicant = "applicant-chen" }, Wang), Is.EqualTo(new[] { handedOver }));
            Assert.That(await IdsAsync(new CaseQuery { Applicant = "clerk-wang" }, Wang), Is.EqualTo(new[] { ownApplication }));
            Assert.That(await IdsAsync(new CaseQuery { Status = CaseStatus.Completed }, Wang), Is.Empty);
            Assert.That(await IdsAsync(new CaseQuery { Overdue = true }, Wang), Is.Empty);
            Assert.That(await IdsAsync(new CaseQuery { From = new DateOnly(2026, 3, 3) }, Wang), Is.Empty, "all were received on 2 March");
            Assert.That(await IdsAsync(new CaseQuery { To = new DateOnly(2026, 3, 2) }, Wang), Has.Count.EqualTo(3));
        }
    }

    [Test]
    public async Task A_task_in_a_sub_procedure_records_its_department_as_working_in_the_root_tree_and_the_check_compares_them()
    {
        var root = await StartAsync("handed-over", "market-supervision", "applicant-chen");
        await StartAsync("deficiency-pending", "planning-resources", "applicant-liu");
        var created = (await _host.CaseAsync(root)).CreatedAt;

        await using (var db = _host.Db())
        {
            var rows = await db.WorkingDepartments.Where(w => w.RootCaseId == root).ToListAsync();
            Assert.That(rows.Select(w => (w.Department, w.CreatedAt)), Is.EqualTo(new[] { ("planning-resources", created) }),
                "the sub-procedure's department, dated with the root; the handling department has no task");
        }
        var check = _host.Get<ConsistencyCheck>();
        Assert.That(await check.RunAsync(Sun), Is.Empty);

        await using (var db = _host.Db())
            await db.WorkingDepartments.Where(w => w.RootCaseId == root).ExecuteDeleteAsync();

        Assert.That(await check.RunAsync(Sun), Is.EqualTo(new[]
        {
            $"{root}: planning-resources has a task of its own in the tree but no working row (its staff would not find the case in their lists)",
        }));
    }
}
