using System.Text.Json.Nodes;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Runner;

public sealed class DecisionTests
{
    private static readonly DateTimeOffset Now = China.At(2026, 3, 2, 10);

    /// <summary>A Decision whose ports big and small (when listed) and otherwise lead to Ends with different outcomes.</summary>
    private static Driver Decide(string branches)
    {
        List<string> connections = ["start:done -> route", "route:otherwise -> other"];
        foreach (var port in new[] { "big", "small" })
            if (branches.Contains($"\"port\":\"{port}\"", StringComparison.Ordinal)) connections.Add($"route:{port} -> {port}");
        List<string> activities = [Acts.Start, Acts.Of("route", "Decision", $$"""{"branches":{{branches}}}"""), Acts.End("other", "returned")];
        if (connections.Contains("route:big -> big")) activities.Add(Acts.End("big", "approved"));
        if (connections.Contains("route:small -> small")) activities.Add(Acts.End("small", "rejected"));
        return new Driver(Def.Flow(Acts.List([.. activities]), [.. connections], """[{"name":"fee","type":"integer","default":0}]"""));
    }

    private const string ByFee = """
        [{"port":"big","condition":"vars.fee >= 1000"},
         {"port":"small","condition":"vars.fee > 0 && input.kind === 'retail'"}]
        """;

    [TestCase(5000, "retail", "approved")]
    [TestCase(10, "retail", "rejected")]
    [TestCase(10, "wholesale", "returned")]
    [TestCase(0, "retail", "returned")]
    public void Decision_LeavesByTheFirstTrueBranch_ElseOtherwise(int fee, string kind, string outcome)
    {
        var driver = Decide(ByFee);

        driver.Start(Now, new JsonObject { ["fee"] = JsonValue.Create((long)fee), ["kind"] = kind });

        Assert.That(driver.Current.Outcome, Is.EqualTo(outcome));
        Assert.That(driver.Current.CompletedActivities, Is.EqualTo(new[] { "start", "route" }));
    }

    [Test]
    public void Decision_TakesTheFirstOfSeveralTrueBranches_InDeclaredOrder()
    {
        var driver = Decide("""[{"port":"small","condition":"true"},{"port":"big","condition":"true"}]""");

        driver.Start(Now);

        Assert.That(driver.Current.Outcome, Is.EqualTo("rejected"));
    }

    [TestCase("''", "returned")]
    [TestCase("'yes'", "approved")]
    [TestCase("0", "returned")]
    [TestCase("vars.fee", "returned")]
    [TestCase("vars.fee + 1", "approved")]
    [TestCase("0.5", "approved")]
    [TestCase("NaN", "returned")]
    [TestCase("null", "returned")]
    [TestCase("undefined", "returned")]
    [TestCase("({})", "approved")]
    [TestCase("[]", "approved")]
    public void Decision_UsesJavaScriptTruthiness(string condition, string outcome)
    {
        var driver = Decide($$"""[{"port":"big","condition":"{{condition}}"}]""");

        driver.Start(Now);

        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Completed), driver.Current.Fault?.Message);
        Assert.That(driver.Current.Outcome, Is.EqualTo(outcome));
    }

    [Test]
    public void Decision_SeesTheCaseFacts()
    {
        // 'case' is a reserved word in JavaScript, so the case facts are reached as a property of the global object.
        var driver = Decide("""[{"port":"big","condition":"caseInfo.instanceId === 'case-1' && caseInfo.definitionId === 'test' && caseInfo.version === 1"}]""");

        driver.Start(Now);

        Assert.That(driver.Current.Outcome, Is.EqualTo("approved"));
    }
}
