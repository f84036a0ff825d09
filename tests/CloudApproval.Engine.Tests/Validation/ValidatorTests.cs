using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Tests.Support;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Validation;

public sealed class ValidatorTests
{
    private static string Found(IEnumerable<DefinitionError> errors) => string.Join("; ", errors.Select(e => $"{e.Code} at {e.Path}"));

    private static IReadOnlyList<DefinitionError> Check(string activities, string[] connections, string variables = "[]") =>
        ProcedureValidator.Validate(Def.Text(activities, connections, variables), Def.File);

    private static IReadOnlyList<DefinitionError> CheckTask(string extra) =>
        Check(Acts.List(Acts.Start, Acts.Task("check", "\"ok\"", extra), Acts.End()), ["start:done -> check", "check:ok -> end"],
            """[{"name":"label","type":"text"},{"name":"period","type":"duration"},{"name":"data","type":"json"}]""");

    [Test]
    public void AMinimalDefinition_IsValid()
    {
        Assert.That(Check(Acts.List(Acts.Start, Acts.End()), ["start:done -> end"]), Is.Empty);
    }

    [TestCase("\"due\":\"5d\"", "invalid-duration at $.activities[1].inputs.due")]
    [TestCase("\"due\":\"five\"", "invalid-duration at $.activities[1].inputs.due")]
    [TestCase("\"due\":5", "wrong-type at $.activities[1].inputs.due")]
    [TestCase("\"due\":\"$period\"", "")]
    [TestCase("\"due\":\"$label\"", "wrong-type at $.activities[1].inputs.due")]
    [TestCase("\"due\":\"$nothing\"", "unknown-variable at $.activities[1].inputs.due")]
    [TestCase("\"saveAs\":\"result\"", "unknown-variable at $.activities[1].inputs.saveAs")]
    [TestCase("\"priority\":-1", "wrong-type at $.activities[1].inputs.priority")]
    [TestCase("\"priority\":\"$label\"", "wrong-type at $.activities[1].inputs.priority")]
    [TestCase("\"form\":[{\"name\":\"a\",\"label\":\"A\",\"type\":\"colour\"}]", "wrong-type at $.activities[1].inputs.form[0].type")]
    [TestCase("\"form\":[{\"name\":\"a\",\"label\":\"A\",\"type\":\"choice\"}]", "missing-field at $.activities[1].inputs.form[0].choices")]
    [TestCase("\"form\":[{\"name\":\"a\",\"label\":\"A\",\"type\":\"text\"},{\"name\":\"a\",\"label\":\"B\",\"type\":\"text\"}]", "duplicate-field at $.activities[1].inputs.form[1].name")]
    [TestCase("\"form\":[{\"name\":\"a\",\"label\":\"A\",\"type\":\"text\",\"hint\":\"x\"}]", "unknown-field at $.activities[1].inputs.form[0].hint")]
    public void TaskInputs_AreCheckedByKind(string extra, string expected)
    {
        Assert.That(Found(CheckTask(extra)), Is.EqualTo(expected));
    }

    [TestCase("\"role\":\"Intake Clerk\",\"department\":\"market-supervision\"", "wrong-type at $.activities[1].inputs.role")]
    [TestCase("\"role\":\"intake-clerk\",\"department\":\"$dept\"", "unknown-variable at $.activities[1].inputs.department")]
    [TestCase("\"role\":\"intake-clerk\",\"department\":\"$data\"", "wrong-type at $.activities[1].inputs.department")]
    [TestCase("\"role\":\"intake-clerk\",\"department\":\"$label\"", "")]
    public void TaskRoleAndDepartment_AreSlugsOrTextVariables(string inputs, string expected)
    {
        var task = Acts.Of("check", "UserTask", $$"""{"title":"Check",{{inputs}},"outcomes":["ok"]}""");

        var errors = Check(Acts.List(Acts.Start, task, Acts.End()), ["start:done -> check", "check:ok -> end"],
            """[{"name":"label","type":"text"},{"name":"data","type":"json"}]""");

        Assert.That(Found(errors), Is.EqualTo(expected));
    }

    [Test]
    public void TaskOutcomes_MustBeDistinctSlugs()
    {
        var errors = Check(Acts.List(Acts.Start, Acts.Task("check", "\"ok\",\"ok\""), Acts.End()), ["start:done -> check", "check:ok -> end"]);

        Assert.That(Found(errors), Is.EqualTo("duplicate-outcome at $.activities[1].inputs.outcomes[1]"));
    }

    [Test]
    public void CalendarDurationInput_RefusesWorkingDays()
    {
        var errors = Check(
            Acts.List(Acts.Start, Acts.Of("issue", "IssueLicence", """{"licenceType":"food","validity":"5wd"}"""), Acts.End()),
            ["start:done -> issue", "issue:done -> end"]);

        Assert.That(Found(errors), Is.EqualTo("invalid-duration at $.activities[1].inputs.validity"));
        Assert.That(errors[0].Message, Does.Contain("must be calendar years, months or whole days"));
    }

    [Test]
    public void ExpressionSyntax_IsCheckedInEveryExpressionInput()
    {
        var errors = Check(
            Acts.List(Acts.Start, Acts.Of("set", "SetVariable", """{"variable":"data","value":"({ a: 1"}"""), Acts.End()),
            ["start:done -> set", "set:done -> end"], """[{"name":"data","type":"json"}]""");

        Assert.That(Found(errors), Is.EqualTo("expression-syntax at $.activities[1].inputs.value"));
    }

    [Test]
    public void JoinNamingNoActivity_IsAnUnknownActivity()
    {
        var errors = Check(
            Acts.List(Acts.Start, Acts.Of("join", "Join", """{"fork":"nowhere"}"""), Acts.End()),
            ["start:done -> join", "join:done -> end"]);

        Assert.That(Found(errors), Is.EqualTo("unknown-activity at $.activities[1].inputs.fork; join-without-fork at $.activities[1].inputs.fork"));
    }

    [Test]
    public void VariableDefault_MustFitItsType()
    {
        var errors = Check(Acts.List(Acts.Start, Acts.End()), ["start:done -> end"], """[{"name":"period","type":"duration","default":"10 days"}]""");

        Assert.That(Found(errors), Is.EqualTo("wrong-type at $.variables[0].default"));
    }

    [Test]
    public void DefinitionId_MustBeASlug()
    {
        var errors = ProcedureValidator.Validate(Def.Text(Acts.List(Acts.Start, Acts.End()), ["start:done -> end"], id: "Food_Licence"), Def.File);

        Assert.That(Found(errors), Is.EqualTo("invalid-id at $.definitionId"));
    }

    [Test]
    public void StructuralProblems_AreAllReportedAtOnce()
    {
        const string json = """
            {"definitionId":"sample","version":0,"colour":"red",
             "variables":[{"name":"x","type":"decimal"}],
             "activities":[{"id":"start","type":"Start","size":3},{"type":"End"}],
             "connections":{}}
            """;

        var errors = ProcedureValidator.Validate(json, Def.File);

        Assert.That(Found(errors), Is.EqualTo(string.Join("; ",
            "unknown-field at $.colour",
            "wrong-type at $.version",
            "missing-field at $.name",
            "wrong-type at $.variables[0].type",
            "unknown-field at $.activities[0].size",
            "missing-field at $.activities[1].id",
            "wrong-type at $.connections")));
    }

    [Test]
    public void SemanticProblems_AreAllReportedAtOnce()
    {
        var errors = Check(
            Acts.List(Acts.Start,
                Acts.Of("magic", "Teleport"),
                Acts.Task("check", "\"ok\",\"reject\"", "\"due\":\"3d\""),
                Acts.Of("end", "End"),
                Acts.End("orphan")),
            ["start:done -> check", "check:ok -> end", "check:ok -> magic", "check:approve -> ghost"],
            """[{"name":"x","type":"text"},{"name":"x","type":"text"}]""");

        Assert.That(Found(errors), Is.EqualTo(string.Join("; ",
            "duplicate-variable at $.variables[1].name",
            "unknown-activity-type at $.activities[1].type",
            "invalid-duration at $.activities[2].inputs.due",
            "missing-input at $.activities[3].inputs.outcome",
            "duplicate-connection at $.connections[2]",
            "unknown-target at $.connections[3].target",
            "unknown-port at $.connections[3].outcome",
            "unconnected-port at $.activities[2]",
            "unreachable at $.activities[4]")));
    }

    [Test]
    public void ValidatingTheModel_FindsWhatValidatingTheTextFinds()
    {
        var text = Def.Text(Acts.List(Acts.Start, Acts.Task("check", "\"ok\",\"no\""), Acts.End()), ["start:done -> check", "check:ok -> end"]);

        var fromText = ProcedureValidator.Validate(text, Def.File);
        var fromModel = ProcedureValidator.Validate(DefinitionReader.Read(text, Def.File), Def.File);

        Assert.That(fromModel, Is.EqualTo(fromText));
        Assert.That(Found(fromModel), Is.EqualTo("unconnected-port at $.activities[1]"));
    }
}
