using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Validation;

/// <summary>
/// One fixture per kind of error (Fixtures/invalid/&lt;kind&gt;.json), each with exactly the errors it must produce:
/// the code and the JSON path, so the designer can point at the faulty field.
/// </summary>
public sealed class ValidatorFixtureTests
{
    private static string Fixture(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "invalid", name + ".json");

    private static string Found(IEnumerable<DefinitionError> errors) => string.Join("; ", errors.Select(e => $"{e.Code} at {e.Path}"));

    [TestCase("malformed-json", "malformed-json at $.activities[2]")]
    [TestCase("duplicate-key", "duplicate-key at $.activities[1].inputs.outcome")]
    [TestCase("number-out-of-range", "number-out-of-range at $.activities[0].position.x")]
    [TestCase("lone-surrogate", "invalid-string at $.name")]
    [TestCase("unknown-field", "unknown-field at $.colour")]
    [TestCase("wrong-type", "wrong-type at $.version")]
    [TestCase("missing-field", "missing-field at $.name")]
    [TestCase("unknown-activity-type", "unknown-activity-type at $.activities[1].type")]
    [TestCase("missing-input", "missing-input at $.activities[1].inputs.outcome")]
    [TestCase("unknown-input", "unknown-input at $.activities[1].inputs.colour")]
    [TestCase("wrong-type-input", "wrong-type at $.activities[1].inputs.outcome")]
    [TestCase("duplicate-id", "duplicate-id at $.activities[2].id")]
    [TestCase("unknown-source", "unknown-source at $.connections[1].source")]
    [TestCase("unknown-target", "unknown-target at $.connections[2].target")]
    [TestCase("unknown-port", "unknown-port at $.connections[2].outcome")]
    [TestCase("duplicate-connection", "duplicate-connection at $.connections[1]")]
    [TestCase("no-start", "no-start at $.activities")]
    // A second Start is unreachable from the first by construction.
    [TestCase("several-starts", "several-starts at $.activities[1]; unreachable at $.activities[1]")]
    [TestCase("unreachable", "unreachable at $.activities[2]")]
    [TestCase("no-end", "no-end at $.activities[3]")]
    [TestCase("join-without-fork", "join-without-fork at $.activities[1].inputs.fork")]
    [TestCase("expression-syntax", "expression-syntax at $.activities[1].inputs.branches[0].condition")]
    [TestCase("invalid-duration", "invalid-duration at $.activities[1].inputs.duration")]
    [TestCase("unconnected-port", "unconnected-port at $.activities[1]")]
    [TestCase("unknown-variable", "unknown-variable at $.activities[1].inputs.variable")]
    [TestCase("duplicate-variable", "duplicate-variable at $.variables[1].name")]
    public void Validate_ReportsTheErrorWithItsCodeAndPath(string fixture, string expected)
    {
        var file = Fixture(fixture);

        var errors = ProcedureValidator.Validate(File.ReadAllText(file), file);

        Assert.That(Found(errors), Is.EqualTo(expected), string.Join("\n", errors));
        Assert.That(errors.Select(e => e.File), Is.All.EqualTo(file));
        Assert.That(errors.Select(e => e.Message), Is.All.Not.Empty);
    }

    [Test]
    public void EveryFixture_IsCoveredByACase()
    {
        var covered = typeof(ValidatorFixtureTests).GetMethod(nameof(Validate_ReportsTheErrorWithItsCodeAndPath))!
            .GetCustomAttributes(typeof(TestCaseAttribute), false).Cast<TestCaseAttribute>()
            .Select(a => (string)a.Arguments[0]!);
        var files = Directory.GetFiles(Path.GetDirectoryName(Fixture("x"))!, "*.json").Select(Path.GetFileNameWithoutExtension);

        Assert.That(files, Is.EquivalentTo(covered));
    }

    [Test]
    public void MalformedJson_SaysWhere()
    {
        var file = Fixture("malformed-json");

        var error = ProcedureValidator.Validate(File.ReadAllText(file), file).Single();

        Assert.That(error.Message, Does.StartWith("malformed JSON at line 3"));
    }

    [Test]
    public void Messages_NameTheActivityAndWhatIsExpected()
    {
        var file = Fixture("unconnected-port");

        var error = ProcedureValidator.Validate(File.ReadAllText(file), file).Single();

        Assert.That(error.Message, Is.EqualTo("outcome 'reject' of activity 'check' (UserTask) leads nowhere; connect it"));
        Assert.That(error.ToString(), Is.EqualTo($"{file}: $.activities[1]: {error.Message} [unconnected-port]"));
    }
}
