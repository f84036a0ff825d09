using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Runner;

/// <summary>Errors in a definition fault the instance, naming the activity; no exception escapes the runner.</summary>
public sealed class FaultTests
{
    private static readonly DateTimeOffset Now = China.At(2026, 3, 2, 10);

    private const string Variables = """[{"name":"x","type":"json"},{"name":"y","type":"json"}]""";

    private static Driver Compute(string expression) => new(Def.Flow(
        Acts.List(Acts.Start,
            Acts.Of("fork", "Fork", """{"branches":["work","compute"]}"""),
            Acts.Task("check", "\"ok\"", "\"deadline\":\"5wd\""),
            Acts.Of("compute", "SetVariable", $$"""{"variable":"y","value":"{{expression}}"}"""),
            Acts.Of("join", "Join", """{"fork":"fork"}"""),
            Acts.End()),
        ["start:done -> fork", "fork:work -> check", "fork:compute -> compute", "check:ok -> join", "check:expired -> join",
         "compute:done -> join", "join:done -> end"], Variables));

    [TestCase("vars.x.y.z", "vars.x.y.z")]
    [TestCase("throw new Error('boom')", "boom")]
    [TestCase("undeclared + 1", "undeclared is not defined")]
    [TestCase("(function f() { return f(); })()", "recursion")]
    public void ThrowingExpression_FaultsTheInstance_NamingTheActivityAndTheMessage(string expression, string inMessage)
    {
        var driver = Compute(expression);

        RunResult? result = null;
        Assert.That(() => result = driver.Start(Now), Throws.Nothing);

        var state = driver.Current;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result!.Accepted, Is.True);
            Assert.That(state.Status, Is.EqualTo(InstanceStatus.Faulted));
            Assert.That(state.Fault!.ActivityId, Is.EqualTo("compute"));
            Assert.That(state.Fault.Message, Does.StartWith($"'{expression}' failed: "));
            Assert.That(state.EndedAt, Is.EqualTo(Now));
            Assert.That(state.Fault.Message, Does.Contain(inMessage).IgnoreCase);
            Assert.That(result.Effects[^1], Is.EqualTo(new InstanceFaulted("compute", state.Fault.Message)));
        }
    }

    [Test]
    public void Fault_CancelsEveryOpenTaskAndTimer()
    {
        var driver = Compute("vars.x.y.z");

        driver.Start(Now);

        var state = driver.Current;
        Assert.That(state.Tasks.Single().Status, Is.EqualTo(HumanTaskStatus.Cancelled));
        Assert.That(state.Timers.Single().Status, Is.EqualTo(TimerStatus.Cancelled));
        Assert.That(state.Tokens, Is.Empty);
        Assert.That(driver.EffectsOf<TaskCancelled>().Single().Reason, Is.EqualTo("the procedure faulted"));
    }

    [Test]
    public void ThrowingCondition_FaultsTheDecision()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start, Acts.Of("route", "Decision", """{"branches":[{"port":"yes","condition":"vars.x.length > 0"}]}"""), Acts.End("yes"), Acts.End("no")),
            ["start:done -> route", "route:yes -> yes", "route:otherwise -> no"], Variables));

        driver.Start(Now);

        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Faulted));
        Assert.That(driver.Current.Fault!.ActivityId, Is.EqualTo("route"));
        Assert.That(driver.Current.Fault.Message, Does.Contain("vars.x.length > 0"));
    }

    [Test]
    public void EndlessExpression_IsStopped_AndFaults()
    {
        var driver = Compute("(() => { while (true) {} })()");

        driver.Start(Now);

        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Faulted));
        Assert.That(driver.Current.Fault!.ActivityId, Is.EqualTo("compute"));
    }

    [Test]
    public void LoopWithoutWaits_FaultsInsteadOfHanging()
    {
        // remind → count → again? → remind ... never waits. Every step is cheap, the guard is the runner's step limit.
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("remind", "SendNotice", """{"noticeType":"reminder","template":"reminder","recipient":"applicant"}"""),
                Acts.Of("again", "SendNotice", """{"noticeType":"reminder","template":"reminder","recipient":"department"}""")),
            ["start:done -> remind", "remind:done -> again", "again:done -> remind"], validate: false));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        driver.Start(Now);

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Faulted));
        Assert.That(driver.Current.Fault!.Message, Does.Contain("without waiting: a loop in the definition"));
        Assert.That(driver.Current.Fault.ActivityId, Is.AnyOf("remind", "again"));
    }

    [Test]
    public void LoopThroughADecision_FaultsInsteadOfHanging()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("route", "Decision", """{"branches":[{"port":"again","condition":"true"}]}"""),
                Acts.End()),
            ["start:done -> route", "route:again -> route", "route:otherwise -> end"]));

        driver.Start(Now);

        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Faulted));
        Assert.That(driver.Current.Fault, Is.EqualTo(new InstanceFault("route", "more than 10000 steps without waiting: a loop in the definition")));
    }

    [Test]
    public void UnconnectedPort_FaultsTheActivity()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start, Acts.Task("check", "\"ok\",\"reject\""), Acts.End()),
            ["start:done -> check", "check:ok -> end"], validate: false));
        driver.Start(Now);

        var result = driver.Complete("check", "reject", Now);

        Assert.That(result.Accepted, Is.True);
        Assert.That(driver.Current.Fault, Is.EqualTo(new InstanceFault("check", "outcome 'reject' of 'check' is not connected")));
    }

    [Test]
    public void UnknownActivityType_FaultsInsteadOfThrowing()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start, Acts.Of("magic", "Teleport"), Acts.End()),
            ["start:done -> magic", "magic:done -> end"], validate: false));

        driver.Start(Now);

        Assert.That(driver.Current.Fault, Is.EqualTo(new InstanceFault("magic", "unknown activity type 'Teleport'")));
    }

    [Test]
    public void FaultedInstance_RejectsFurtherStimuli()
    {
        var driver = Compute("vars.x.y.z");
        driver.Start(Now);
        var task = driver.Current.Tasks.Single();

        var result = driver.Send(new TaskCompletedStimulus(task.Id, "ok"), Now);

        Assert.That(result.Rejection?.Code, Is.EqualTo("instance-ended"));
    }
}
