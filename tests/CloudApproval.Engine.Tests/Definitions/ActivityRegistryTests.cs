using System.Text.Json;
using CloudApproval.Engine.Activities;
using CloudApproval.Engine.Definitions;

namespace CloudApproval.Engine.Tests.Definitions;

public sealed class ActivityRegistryTests
{
    [Test]
    public void Registry_KnowsEveryActivityType_InToolboxOrder()
    {
        Assert.That(ActivityRegistry.Descriptors.Select(d => d.Type), Is.EqualTo(new[]
        {
            "Start", "End", "UserTask", "Decision", "Fork", "Join", "ForEachParallel", "Timer", "WaitForEvent", "SendNotice", "SetVariable", "CallProcedure", "Milestone",
            "StartLegalClock", "SuspendLegalClock", "ResumeLegalClock", "ExtendLegalClock", "StopLegalClock",
            "SignCommitment", "RequestCorrection", "IssueLicence", "RevokeLicence", "ScheduleRemoteSession", "RequestOpinion", "HoldConsultation",
        }));
        Assert.That(ActivityRegistry.Find("UserTask")!.Descriptor.Type, Is.EqualTo("UserTask"));
        Assert.That(ActivityRegistry.Find("userTask"), Is.Null, "type names are case-sensitive");
    }

    [Test]
    public void EveryDescriptor_IsDocumented_AndHasDistinctInputNames()
    {
        foreach (var d in ActivityRegistry.Descriptors)
        {
            Assert.That(d.Description, Is.Not.Empty, d.Type);
            Assert.That(d.Inputs.Select(i => i.Name), Is.Unique, d.Type);
            Assert.That(d.Inputs.Select(i => i.Description), Is.All.Not.Empty, d.Type);
            if (d.PortsFromInput is { } input) Assert.That(d.Input(input), Is.Not.Null, $"{d.Type}.{input}");
        }
    }

    private static ActivityDefinition Activity(string type, string inputs) =>
        new("a", type, "A", JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(inputs)!, new Position(0, 0));

    [TestCase("UserTask", """{"outcomes":["approve","reject"]}""", new[] { "approve", "reject" })]
    [TestCase("UserTask", """{"outcomes":["approve"],"deadline":"5wd"}""", new[] { "approve", "expired" })]
    [TestCase("Decision", """{"branches":[{"port":"big","condition":"true"}]}""", new[] { "big", "otherwise" })]
    [TestCase("Fork", """{"branches":["a","b","a"]}""", new[] { "a", "b" })]
    [TestCase("WaitForEvent", """{"event":"x"}""", new[] { "received" })]
    [TestCase("SignCommitment", """{"template":"t","deadline":"5wd"}""", new[] { "signed", "declined", "expired" })]
    [TestCase("End", """{"outcome":"approved"}""", new string[0])]
    public void PortsOf_DependOnTheActivitysInputs(string type, string inputs, string[] ports)
    {
        var descriptor = ActivityRegistry.Find(type)!.Descriptor;

        Assert.That(descriptor.PortsOf(Activity(type, inputs)), Is.EqualTo(ports));
    }
}
