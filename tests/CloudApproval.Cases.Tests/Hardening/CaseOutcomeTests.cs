using System.Text.Json.Nodes;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Hardening;

/// <summary>
/// A transition that faults a case is committed (the history shows why) but is never reported as a success: every use
/// case returns the outcome with the faulted case, its activity and the reason.
/// </summary>
public sealed class CaseOutcomeTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;

    [SetUp]
    public async Task StartHost()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder);
        var workflows = _folder.File("workflows");
        Procedures.Write(workflows, FaultingProcedure.Definition());
        await _host.ImportAsync(workflows);
    }

    [TearDown]
    public async Task StopHost()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private Task<CaseOutcome> StartAsync(JsonObject? input) => _host.Runtime.StartAsync(FaultingProcedure.Id, null, input, Actor.Operator("applicant-chen"));

    [Test]
    public async Task Start_ThatFaults_ReturnsTheFault()
    {
        var outcome = await StartAsync(null);

        Assert.That(outcome.Faulted, Is.True);
        Assert.That(outcome.Status, Is.EqualTo(CaseStatus.Faulted));
        Assert.That(outcome.Faults.Single().CaseId, Is.EqualTo(outcome.CaseId));
        Assert.That(outcome.Faults.Single().ActivityId, Is.EqualTo("first"));
        Assert.That(outcome.Faults.Single().Message, Is.Not.Empty);
        Assert.That((await _host.CaseAsync(outcome.CaseId)).Status, Is.EqualTo(CaseStatus.Faulted), "the fault is committed");
    }

    [Test]
    public async Task Start_ThatRuns_ReportsNoFault()
    {
        var outcome = await StartAsync(new JsonObject { ["kind"] = "k" });

        Assert.That((outcome.Faulted, outcome.Status), Is.EqualTo((false, CaseStatus.Running)));
    }

    [Test]
    public async Task Complete_ThatFaults_ReturnsTheFault()
    {
        var started = await StartAsync(new JsonObject { ["kind"] = "k" });
        var task = await _host.OpenTaskAsync(started.CaseId, "check");

        var outcome = await _host.Tasks.CompleteAsync(task.Id, "ok", null, Actor.Operator("clerk-li"));

        Assert.That((outcome.CaseId, outcome.Status), Is.EqualTo((started.CaseId, CaseStatus.Faulted)));
        Assert.That(outcome.Faults.Single().ActivityId, Is.EqualTo("second"));
    }

    [Test]
    public async Task SendEvent_ThatFaults_ReturnsTheFault()
    {
        var started = await StartAsync(new JsonObject { ["kind"] = "k" });

        var outcome = await _host.Runtime.SendEventAsync(started.CaseId, "poke", null, Actor.Operator("applicant-chen"));

        Assert.That(outcome.Faults.Single().ActivityId, Is.EqualTo("third"));
        Assert.That(outcome.Faults.Single().ToString(), Does.StartWith($"case {started.CaseId} faulted at activity 'third': "));
    }
}
