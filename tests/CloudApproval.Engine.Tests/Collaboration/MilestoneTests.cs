using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Collaboration;

/// <summary>A milestone is a named, dated fact: an effect for the timeline, kept in the state, readable by later expressions.</summary>
public sealed class MilestoneTests
{
    private const string Variables = """[{"name":"openedOn","type":"text"}]""";

    /// <summary>start → review → milestone → (expression reads it) → end.</summary>
    private static Driver Started()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Task("review", "\"done\""),
                Acts.Of("reached", "Milestone", """{"name":"all-opinions-in"}"""),
                Acts.Of("remember", "SetVariable", """{"variable":"openedOn","value":"milestones['all-opinions-in']"}"""),
                Acts.End()),
            ["start:done -> review", "review:done -> reached", "reached:done -> remember", "remember:done -> end"], Variables));
        driver.Start(China.At(2026, 3, 2, 10));
        return driver;
    }

    [Test]
    public void Milestone_IsRecordedWithTheDayItWasReached_AndReadableByLaterExpressions()
    {
        var driver = Started();

        driver.Complete("review", "done", China.At(2026, 3, 5, 16));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(driver.EffectsOf<MilestoneReached>().Single(), Is.EqualTo(new MilestoneReached("all-opinions-in", China.Day(2026, 3, 5), "reached")));
            Assert.That(driver.Current.Milestones, Is.EqualTo(new Dictionary<string, DateOnly> { ["all-opinions-in"] = China.Day(2026, 3, 5) }));
            Assert.That(driver.Current.Variables["openedOn"]!.GetValue<string>(), Is.EqualTo("2026-03-05"));
        }
    }

    [Test]
    public void Milestone_NotYetReached_IsUndefinedInExpressions_AndAbsentFromTheState()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("probe", "SetVariable", """{"variable":"openedOn","value":"milestones['all-opinions-in'] === undefined ? 'not yet' : 'reached'"}"""),
                Acts.Task("review", "\"done\""),
                Acts.End()),
            ["start:done -> probe", "probe:done -> review", "review:done -> end"], Variables));

        driver.Start(China.At(2026, 3, 2, 10));

        Assert.That(driver.Current.Variables["openedOn"]!.GetValue<string>(), Is.EqualTo("not yet"));
        Assert.That(driver.Current.Milestones, Is.Empty);
    }

    [Test]
    public void Milestones_SurviveTheStatesJsonRoundTrip()
    {
        var driver = Started();
        driver.Complete("review", "done", China.At(2026, 3, 5, 16));

        var copy = InstanceState.FromJson(driver.Current.ToJson());

        Assert.That(copy.Milestones["all-opinions-in"], Is.EqualTo(China.Day(2026, 3, 5)));
    }

    [TestCase("All Opinions In")]
    [TestCase("$name")]
    public void Validate_RefusesAMilestoneNameThatIsNotASlug(string name)
    {
        var definition = Def.Flow(
            Acts.List(Acts.Start, Acts.Of("reached", "Milestone", $$"""{"name":"{{name}}"}"""), Acts.End()),
            ["start:done -> reached", "reached:done -> end"], """[{"name":"name","type":"text"}]""", validate: false);

        var errors = ProcedureValidator.Validate(definition, Def.File);

        Assert.That(errors.Select(e => (e.Path, e.Code)), Is.EqualTo(new[] { ("$.activities[1].inputs.name", "invalid-name") }), string.Join("\n", errors));
    }
}
