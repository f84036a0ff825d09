using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Runner;

public sealed class ForkJoinTests
{
    private static readonly DateTimeOffset Now = China.At(2026, 3, 2, 10);

    private static Driver ThreeBranches() => new(Def.Flow(
        Acts.List(Acts.Start,
            Acts.Of("fork", "Fork", """{"branches":["legal","technical","fee"]}"""),
            Acts.Task("legal-review", "\"ok\""),
            Acts.Task("technical-review", "\"ok\""),
            Acts.Of("fee-notice", "SendNotice", """{"noticeType":"fee","template":"fee","recipient":"applicant"}"""),
            Acts.Of("join", "Join", """{"fork":"fork"}"""),
            Acts.Of("decided", "SendNotice", """{"noticeType":"decision","template":"decision","recipient":"applicant"}"""),
            Acts.Task("sign", "\"ok\""),
            Acts.End()),
        ["start:done -> fork", "fork:legal -> legal-review", "fork:technical -> technical-review", "fork:fee -> fee-notice",
         "legal-review:ok -> join", "technical-review:ok -> join", "fee-notice:done -> join",
         "join:done -> decided", "decided:done -> sign", "sign:ok -> end"]));

    [Test]
    public void Fork_StartsEveryBranchAtOnce()
    {
        var driver = ThreeBranches();

        driver.Start(Now);

        var state = driver.Current;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(state.Tasks.Select(t => t.ActivityId), Is.EquivalentTo(new[] { "legal-review", "technical-review" }));
            Assert.That(state.Tokens, Has.Count.EqualTo(2));
            Assert.That(state.Tokens.Select(t => t.Id).Distinct().Count(), Is.EqualTo(2));
            Assert.That(state.Forks.Single().Branches, Is.EqualTo(3));
            Assert.That(state.Forks.Single().Arrived, Is.EqualTo(1), "the notice branch reached the join at once");
            Assert.That(driver.Entered, Does.Not.Contain("decided"));
        }
    }

    [Test]
    public void Join_WaitsForEveryBranch_ThenContinuesOnce()
    {
        var driver = ThreeBranches();
        driver.Start(Now);

        driver.Complete("technical-review", "ok", Now.AddHours(1));
        Assert.That(driver.Entered, Is.EqualTo(new[] { "join" }));
        Assert.That(driver.Current.Forks.Single().Arrived, Is.EqualTo(2));
        Assert.That(driver.OpenTask("legal-review").Status, Is.EqualTo(HumanTaskStatus.Open));

        driver.Complete("legal-review", "ok", Now.AddHours(2));

        var state = driver.Current;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(driver.Entered, Is.EqualTo(new[] { "join", "decided", "sign" }));
            Assert.That(driver.EffectsOf<NoticeSent>().Count(n => n.NoticeType == "decision"), Is.EqualTo(1));
            Assert.That(state.Forks, Is.Empty);
            Assert.That(state.Tokens.Single().ForkStack, Is.Empty, "the flow after the join is outside the fork");
            Assert.That(state.Tasks.Count(t => t.ActivityId == "sign"), Is.EqualTo(1));
        }
    }

    [Test]
    public void Join_Faults_WhenReachedByAFlowThatDidNotComeFromItsFork()
    {
        // The validator refuses this (join-without-fork); the runner must still fault rather than throw.
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start, Acts.Of("join", "Join", """{"fork":"start"}"""), Acts.End()),
            ["start:done -> join", "join:done -> end"], validate: false));

        driver.Start(Now);

        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Faulted));
        Assert.That(driver.Current.Fault, Is.EqualTo(new InstanceFault("join", "reached by a flow that did not come from Fork 'start'")));
    }
}
