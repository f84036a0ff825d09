using System.Text.Json.Nodes;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tests.Support;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Cases.Tests.Definitions;

public sealed class VersionPinningTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private string _workflows = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, new ManualClock(ManualClock.MondayMorning));
        _workflows = Procedures.CopySeeds(_folder, "deficiency-pending");
        await _host.ImportAsync(_workflows, publish: true);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private async Task PublishV2Async()
    {
        Procedures.Write(_workflows, Procedures.DeficiencyV2());
        var report = await _host.ImportAsync(_workflows, publish: false);
        Assert.That(report.Added, Is.EqualTo(new[] { "deficiency-pending v2" }));
        await _host.Get<PublishProcedure>().PublishAsync("deficiency-pending", 2, TestActors.Analyst());
    }

    private async Task ApproveAsync(string caseId)
    {
        var preReview = await _host.OpenTaskAsync(caseId, "pre-review");
        await _host.Tasks.CompleteAsync(preReview.Id, "accept", null, Actor.Operator("clerk-li"));
        var review = await _host.OpenTaskAsync(caseId, "review");
        await _host.Tasks.CompleteAsync(review.Id, "approve", new JsonObject { ["opinion"] = "conditions met" }, Actor.Operator("reviewer-wang"));
    }

    [Test]
    public async Task RunningCases_FinishOnTheirVersion_WhileNewCasesStartOnTheNewlyPublishedOne()
    {
        var onV1 = await _host.StartDeficiencyAsync();

        await PublishV2Async();
        var onV2 = await _host.StartDeficiencyAsync();
        await ApproveAsync(onV1);
        await ApproveAsync(onV2);

        var v1 = await _host.CaseAsync(onV1);
        var v2 = await _host.CaseAsync(onV2);
        var v1State = InstanceState.FromJson(v1.StateJson);
        var v2State = InstanceState.FromJson(v2.StateJson);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(v1.Version, Is.EqualTo(1));
            Assert.That(v1.Status, Is.EqualTo(CaseStatus.Completed));
            Assert.That(v1.Outcome, Is.EqualTo("approved"));
            Assert.That(v1State.CompletedActivities, Does.Not.Contain("intake-receipt"));
            Assert.That((await _host.TasksOfAsync(onV1)).First().Title, Is.EqualTo("Pre-review the application and materials"));

            Assert.That(v2.Version, Is.EqualTo(2));
            Assert.That(v2.Status, Is.EqualTo(CaseStatus.Completed));
            Assert.That(v2State.CompletedActivities, Does.Contain("intake-receipt"));
            Assert.That((await _host.TasksOfAsync(onV2)).First().Title, Is.EqualTo("Pre-review (v2)"));
        }
    }

    [Test]
    public async Task NewCases_StayOnTheOldVersion_WhileTheNewOneIsADraft()
    {
        Procedures.Write(_workflows, Procedures.DeficiencyV2());
        await _host.ImportAsync(_workflows, publish: false);

        var caseId = await _host.StartDeficiencyAsync();

        Assert.That((await _host.CaseAsync(caseId)).Version, Is.EqualTo(1));
    }

    [Test]
    public async Task Start_Fails_WhenTheNamedVersionIsADraft()
    {
        Procedures.Write(_workflows, Procedures.DeficiencyV2());
        await _host.ImportAsync(_workflows, publish: false);
        await using (var db = _host.Db())
            Assert.That(db.Cases.Count(), Is.Zero);

        var error = await Expect.RefusedAsync(() => _host.Runtime.StartAsync("deficiency-pending", 2, null, Actor.Operator("applicant-chen")));

        Assert.That(error.Code, Is.EqualTo("version-not-published"));
        Assert.That(error.Message, Does.Contain("deficiency-pending v2 is draft"));
        await using (var db = _host.Db())
            Assert.That(db.Cases.Count(), Is.Zero, "no case row left behind");
    }

    [Test]
    public async Task Start_Fails_WhenTheNamedVersionIsRetired_ButANamedPublishedOldVersionStarts()
    {
        await PublishV2Async();

        var pinned = (await _host.Runtime.StartAsync("deficiency-pending", 1, null, Actor.Operator("applicant-chen"))).CaseId;
        await _host.Get<PublishProcedure>().RetireAsync("deficiency-pending", 1, TestActors.Analyst());
        var error = await Expect.RefusedAsync(() => _host.Runtime.StartAsync("deficiency-pending", 1, null, Actor.Operator("applicant-chen")));

        Assert.That((await _host.CaseAsync(pinned)).Version, Is.EqualTo(1));
        Assert.That(error.Code, Is.EqualTo("version-not-published"));
        Assert.That(error.Message, Does.Contain("is retired"));
        await ApproveAsync(pinned);
        Assert.That((await _host.CaseAsync(pinned)).Outcome, Is.EqualTo("approved"), "a case on a retired version finishes on it");
    }
}
