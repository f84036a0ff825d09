using System.Text.Json.Nodes;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tests.Support;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tests.Definitions;

/// <summary>Procedures that call themselves: refused at import and publish, bounded when a case runs one anyway.</summary>
public sealed class RecursionTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, new ManualClock(ManualClock.MondayMorning));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>A procedure that calls <paramref name="callee"/> (an id or a $variable) and ends with its outcome.</summary>
    internal static JsonObject Calling(string id, string callee, int version = 1) => new()
    {
        ["definitionId"] = id,
        ["version"] = version,
        ["name"] = $"Calls {callee}",
        ["variables"] = new JsonArray(new JsonObject { ["name"] = "next", ["type"] = "text", ["default"] = id }),
        ["activities"] = new JsonArray(
            new JsonObject { ["id"] = "start", ["type"] = "Start", ["inputs"] = new JsonObject() },
            new JsonObject { ["id"] = "call", ["type"] = "CallProcedure", ["inputs"] = new JsonObject { ["definitionId"] = callee, ["outcomes"] = new JsonArray("approved") } },
            new JsonObject { ["id"] = "end", ["type"] = "End", ["inputs"] = new JsonObject { ["outcome"] = "approved" } }),
        ["connections"] = new JsonArray(
            new JsonObject { ["source"] = "start", ["outcome"] = "done", ["target"] = "call" },
            new JsonObject { ["source"] = "call", ["outcome"] = "approved", ["target"] = "end" }),
    };

    private async Task<int> VersionCountAsync()
    {
        await using var db = _host.Db();
        return await db.ProcedureVersions.CountAsync();
    }

    [Test]
    public async Task Import_RefusesProceduresThatCallEachOther_AndStoresNothing()
    {
        var workflows = _folder.File("workflows");
        Procedures.Write(workflows, Calling("first", "second"));
        Procedures.Write(workflows, Calling("second", "first"));

        var refused = await Expect.RefusedAsync(() => _host.ImportAsync(workflows));

        Assert.That(refused.Code, Is.EqualTo("call-cycle"));
        Assert.That(refused.Message, Does.Contain("$.activities[1].inputs.definitionId"));
        Assert.That(refused.Message, Does.Contain("first v1 → second v1 → first v1"));
        Assert.That(await VersionCountAsync(), Is.Zero);
    }

    [Test]
    public async Task Publish_RefusesADraftThatWouldCloseACycle_WithThePublishedCatalogue()
    {
        // The draft is imported while its callee does not exist yet; the callee, calling back, is published after it.
        var drafts = _folder.File("drafts");
        Procedures.Write(drafts, Calling("second", "first"));
        await _host.ImportAsync(drafts, publish: false);
        var published = _folder.File("published");
        Procedures.Write(published, Calling("first", "second"));
        await _host.ImportAsync(published);

        var refused = await Expect.RefusedAsync(() => _host.Get<PublishProcedure>().PublishAsync("second", 1, TestActors.Analyst()));

        Assert.That(refused.Code, Is.EqualTo("call-cycle"));
        await using var db = _host.Db();
        Assert.That((await db.ProcedureVersions.SingleAsync(v => v.DefinitionId == "second")).Status, Is.EqualTo(ProcedureVersionStatus.Draft));
    }

    [Test]
    public async Task Start_OfAProcedureThatCallsItselfThroughAVariable_FaultsEveryLevel_AndKeepsEveryChainIntact()
    {
        var workflows = _folder.File("workflows");
        Procedures.Write(workflows, Calling("loop", "$next"));
        await _host.ImportAsync(workflows);

        var outcome = await _host.Runtime.StartAsync("loop", null, null, Actor.Operator("applicant-chen"));
        var caseId = outcome.CaseId;

        await using var db = _host.Db();
        var cases = await db.Cases.AsNoTracking().ToListAsync();
        var root = cases.Single(c => c.Id == caseId);
        var state = InstanceState.FromJson(root.StateJson);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(CaseStatus.Faulted), "the caller hears that its case faulted");
            Assert.That(cases, Has.Count.EqualTo(ProcedureRunner.MaxNestingDepth + 1));
            Assert.That(cases.Select(c => c.Status), Is.All.EqualTo(CaseStatus.Faulted));
            Assert.That(state.Fault!.ActivityId, Is.EqualTo("call"));
            Assert.That(state.Fault.Message, Does.Contain("sub-procedures deep"));
        }
        foreach (var c in cases)
            Assert.That((await _host.Get<AuditVerifier>().VerifyAsync(c.Id)).Intact, Is.True, c.Id);
    }

    [Test]
    public async Task Cli_ValidateRefusesTheCycle_AndSimulateFaultsInsteadOfCrashing()
    {
        var workflows = _folder.File("workflows");
        Procedures.Write(workflows, Calling("first", "second"));
        Procedures.Write(workflows, Calling("second", "first"));
        var loop = Procedures.Write(workflows, Calling("loop", "$next"));
        Directory.CreateDirectory(Path.Combine(workflows, "loop", "scenarios"));
        File.WriteAllText(Path.Combine(workflows, "loop", "scenarios", "runs.json"),
            """{"name":"runs","start":"2026-03-02T09:00:00+08:00","expect":{"status":"faulted"}}""");
        Directory.CreateDirectory(Path.Combine(workflows, "calendars"));
        foreach (var calendar in Directory.GetFiles(Path.Combine(Repo.Workflows, "calendars")))
            File.Copy(calendar, Path.Combine(workflows, "calendars", Path.GetFileName(calendar)));

        var validate = await CliProcess.RunAsync(_folder.Path, ["validate", Path.Combine(workflows, "first"), Path.Combine(workflows, "second")]);
        var simulate = await CliProcess.RunAsync(_folder.Path, ["simulate", loop, "--workflows", workflows]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(validate.ExitCode, Is.EqualTo(1), validate.ToString());
            Assert.That(validate.Error, Does.Contain("first").And.Contain("$.activities[1].inputs.definitionId").And.Contain("[call-cycle]"));
            Assert.That(simulate.ExitCode, Is.Not.EqualTo(134), simulate.ToString());
            Assert.That(simulate.Out + simulate.Error, Does.Contain("sub-procedures deep"), simulate.ToString());
        }
    }
}
