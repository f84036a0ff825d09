using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Runner;

public sealed class CallProcedureTests
{
    private static readonly DateTimeOffset Now = China.At(2026, 3, 2, 10);

    private static Driver Caller(string input = """ "input":"({ matter: input.matter, fee: 2 * 50 })" """) => new(Def.Flow(
        Acts.List(Acts.Start,
            Acts.Of("joint-review", "CallProcedure", $$"""{"definitionId":"joint-review","version":2,{{input}},"outcomes":["agreed","objected"]}"""),
            Acts.Task("decide", "\"approve\""),
            Acts.End("approved"),
            Acts.End("objected", "rejected")),
        ["start:done -> joint-review", "joint-review:agreed -> decide", "joint-review:objected -> objected", "decide:approve -> approved"]));

    [Test]
    public void CallProcedure_StartsTheSubProcedure_AndWaits()
    {
        var driver = Caller();

        driver.Start(Now, new() { ["matter"] = "food-business" });

        var child = driver.Current.Children.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(child.ActivityId, Is.EqualTo("joint-review"));
            Assert.That(child.DefinitionId, Is.EqualTo("joint-review"));
            Assert.That(child.Outcome, Is.Null);
            Assert.That(driver.Current.Tokens.Single().ChildId, Is.EqualTo(child.Id));
            var started = driver.EffectsOf<SubProcedureStarted>().Single();
            Assert.That(started.ChildId, Is.EqualTo(child.Id));
            Assert.That(started.DefinitionId, Is.EqualTo("joint-review"));
            Assert.That(started.Version, Is.EqualTo(2));
            Assert.That(started.Input!.ToJsonString(), Is.EqualTo("""{"matter":"food-business","fee":100}"""));
        }
    }

    [TestCase("agreed", "decide")]
    [TestCase("objected", "objected")]
    public void SubProcedureFinished_LeavesByTheChildsOutcome(string outcome, string next)
    {
        var driver = Caller();
        driver.Start(Now, new() { ["matter"] = "food-business" });
        var child = driver.Current.Children.Single();

        var result = driver.Send(new SubProcedureFinishedStimulus(child.Id, outcome), Now.AddDays(3));

        Assert.That(result.Accepted, Is.True);
        Assert.That(driver.Current.Children.Single().Outcome, Is.EqualTo(outcome));
        Assert.That(driver.Entered, Is.EqualTo(new[] { next }));
    }

    [Test]
    public void SubProcedureFinished_IsRejected_ForAnOutcomeTheCallDoesNotExpect()
    {
        var driver = Caller();
        driver.Start(Now, new() { ["matter"] = "food-business" });
        var before = driver.Current.ToJson();

        var result = driver.Send(new SubProcedureFinishedStimulus(driver.Current.Children.Single().Id, "withdrawn"), Now.AddDays(3));

        Assert.That(result.Rejection?.Code, Is.EqualTo("outcome-not-expected"));
        Assert.That(result.Rejection!.Message, Does.Contain("agreed, objected"));
        Assert.That(result.State.ToJson(), Is.EqualTo(before));
    }

    [Test]
    public void SubProcedureFinished_IsRejected_WhenTheChildAlreadyFinished()
    {
        var driver = Caller();
        driver.Start(Now, new() { ["matter"] = "food-business" });
        var child = driver.Current.Children.Single();
        driver.Send(new SubProcedureFinishedStimulus(child.Id, "agreed"), Now.AddDays(3));
        var before = driver.Current.ToJson();

        var result = driver.Send(new SubProcedureFinishedStimulus(child.Id, "agreed"), Now.AddDays(4));

        Assert.That(result.Rejection?.Code, Is.EqualTo("child-finished"));
        Assert.That(result.State.ToJson(), Is.EqualTo(before));
    }

    [Test]
    public void SubProcedureFinished_IsRejected_ForAnUnknownChild()
    {
        var driver = Caller();
        driver.Start(Now, new() { ["matter"] = "food-business" });

        var result = driver.Send(new SubProcedureFinishedStimulus("child-99", "agreed"), Now.AddDays(3));

        Assert.That(result.Rejection?.Code, Is.EqualTo("unknown-child"));
    }

    [Test]
    public void CallProcedure_Faults_WhenTheInputIsNotAnObject()
    {
        var driver = Caller(""" "input":"[1, 2]" """);

        driver.Start(Now);

        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Faulted));
        Assert.That(driver.Current.Fault, Is.EqualTo(new InstanceFault("joint-review", "input 'input' must evaluate to an object")));
        Assert.That(driver.EffectsOf<SubProcedureStarted>(), Is.Empty);
    }
}
