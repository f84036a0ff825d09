using System.Text.Json.Nodes;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tests.Definitions;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tests.Instances;

/// <summary>An event sent to the case the applicant knows reaches whichever procedure of its tree waits for it.</summary>
public sealed class EventRoutingTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, new ManualClock(ManualClock.MondayMorning));
        var workflows = _folder.File("workflows");
        Procedures.Write(workflows, RecursionTests.Calling("joint-intake", "supplement-wait"));
        Procedures.Write(workflows, SupplementWait());
        await _host.ImportAsync(workflows);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>A sub-procedure that waits for the applicant's supplement, then approves.</summary>
    private static JsonObject SupplementWait() => new()
    {
        ["definitionId"] = "supplement-wait",
        ["version"] = 1,
        ["name"] = "Waits for the supplement",
        ["activities"] = new JsonArray(
            new JsonObject { ["id"] = "start", ["type"] = "Start", ["inputs"] = new JsonObject() },
            new JsonObject { ["id"] = "wait", ["type"] = "WaitForEvent", ["inputs"] = new JsonObject { ["event"] = "materials-supplemented" } },
            new JsonObject { ["id"] = "end", ["type"] = "End", ["inputs"] = new JsonObject { ["outcome"] = "approved" } }),
        ["connections"] = new JsonArray(
            new JsonObject { ["source"] = "start", ["outcome"] = "done", ["target"] = "wait" },
            new JsonObject { ["source"] = "wait", ["outcome"] = "received", ["target"] = "end" }),
    };

    [Test]
    public async Task Event_SentToTheRootCase_ReachesTheSubProcedureThatWaits_AndTheTreeMovesOn()
    {
        var root = (await _host.Runtime.StartAsync("joint-intake", null, null, Actor.Operator("applicant-chen"))).CaseId;

        var outcome = await _host.Runtime.SendEventAsync(root, "materials-supplemented", new JsonObject { ["items"] = 2 }, Actor.Operator("applicant-chen"));

        await using var db = _host.Db();
        var statuses = await db.Cases.AsNoTracking().Select(c => new { c.Id, c.Status, c.Outcome }).ToListAsync();
        Assert.That(outcome.Faulted, Is.False);
        Assert.That(statuses, Has.Count.EqualTo(2));
        Assert.That(statuses.Select(c => c.Status), Is.All.EqualTo(CaseStatus.Completed));
        Assert.That(statuses.Single(c => c.Id == root).Outcome, Is.EqualTo("approved"));
    }

    [Test]
    public async Task Event_NothingInTheTreeWaitsFor_IsRefused_AndChangesNothing()
    {
        var root = (await _host.Runtime.StartAsync("joint-intake", null, null, Actor.Operator("applicant-chen"))).CaseId;
        await using var before = _host.Db();
        var entries = await before.AuditEntries.CountAsync();

        var refused = await Expect.RefusedAsync(() => _host.Runtime.SendEventAsync(root, "fee-paid", null, Actor.Operator("applicant-chen")));

        await using var after = _host.Db();
        Assert.That(refused.Code, Is.EqualTo("rejected-no-waiter"));
        Assert.That(refused.Kind, Is.EqualTo(RefusalKind.Rejected));
        Assert.That(await after.AuditEntries.CountAsync(), Is.EqualTo(entries));
    }
}
