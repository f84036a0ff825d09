using System.Text.Json.Nodes;
using CloudApproval.Cases.Matters;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Matters;

public sealed class MatterReaderTests
{
    private static IEnumerable<TestCaseData> Seeds() => MatterFiles.Seeds().Select(f => new TestCaseData(f).SetArgDisplayNames(Path.GetFileName(f)));

    private static IReadOnlyList<string> Errors(JsonObject matter, string file = "food-business-licence.json") =>
        MatterReader.Read(matter.ToJsonString(), file).Errors.Select(e => $"{e.Path} [{e.Code}]").ToList();

    private static JsonObject Food() => MatterFiles.LoadSeed("food-business-licence");

    [TestCaseSource(nameof(Seeds))]
    public void SeedMatter_IsValid_AndBoundToASeedProcedure(string file)
    {
        var read = MatterReader.ReadFile(file);

        Assert.That(read.Errors.Select(e => e.ToString()), Is.Empty);
        Assert.That(read.Matter!.Procedure.DefinitionId, Is.AnyOf("commitment", "deficiency-pending", "remote-survey", "online-hearing", "joint-review"));
        Assert.That(read.Matter.Department, Is.AnyOf("market-supervision", "planning-resources", "human-resources", "greening-city-appearance"));
    }

    [Test]
    public void Seeds_CoverEveryDemoDepartmentAndSeedProcedure()
    {
        var matters = MatterFiles.Seeds().Select(f => MatterReader.ReadFile(f).Matter!).ToList();

        Assert.That(matters, Has.Count.GreaterThanOrEqualTo(6));
        Assert.That(matters.Select(m => m.Department).Distinct(), Is.EquivalentTo(new[] { "market-supervision", "planning-resources", "human-resources", "greening-city-appearance" }));
        Assert.That(matters.Select(m => m.Procedure.DefinitionId).Distinct(), Is.EquivalentTo(new[] { "commitment", "deficiency-pending", "remote-survey", "online-hearing", "joint-review" }));
    }

    [Test]
    public void CheckedInSchema_IsTheGeneratedOne() =>
        Assert.That(File.ReadAllText(Path.Combine(Repo.Workflows, "schema", MatterSchema.FileName)), Is.EqualTo(MatterSchema.Generate()),
            "workflows/schema/matter.schema.json has drifted; regenerate it with `cloudapproval schema matter`");

    [Test]
    public void CanonicalText_RoundTrips_AndIgnoresKeyOrder()
    {
        var matter = MatterReader.ReadFile(Path.Combine(MatterFiles.Folder, "food-business-licence.json")).Matter!;
        var reordered = new JsonObject(Food().Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

        var again = MatterReader.Read(reordered.ToJsonString(), "food-business-licence.json").Matter!;

        Assert.That(MatterJson.Write(again), Is.EqualTo(MatterJson.Write(matter)));
        Assert.That(MatterJson.Write(MatterJson.Read(MatterJson.Write(matter))), Is.EqualTo(MatterJson.Write(matter)));
    }

    [Test]
    public void Read_RefusesAPromisedLimitNotShorterThanTheLegalLimit()
    {
        var matter = Food();
        matter["promisedLimitWorkingDays"] = 20;

        Assert.That(Errors(matter), Is.EqualTo(new[] { "$.promisedLimitWorkingDays [promised-not-shorter]" }));
    }

    [Test]
    public void Read_RefusesDuplicateMaterialCodes_NamingBoth()
    {
        var matter = Food();
        matter["materials"]![2]!["code"] = "business-licence";

        var read = MatterReader.Read(matter.ToJsonString(), "food-business-licence.json");

        Assert.That(read.Errors.Single().ToString(), Is.EqualTo(
            "food-business-licence.json: $.materials[2].code: the material code 'business-licence' is already used by $.materials[1] [duplicate-material]"));
    }

    [Test]
    public void Read_RefusesADeferrableKeyMaterial()
    {
        var matter = Food();
        matter["materials"]![0]!["deferrable"] = true;

        Assert.That(Errors(matter), Is.EqualTo(new[] { "$.materials[0].deferrable [deferrable-key-material]" }));
    }

    [Test]
    public void Read_RefusesUnknownFileTypes()
    {
        var matter = Food();
        matter["materials"]![3]!["fileTypes"] = new JsonArray("pdf", "exe");

        Assert.That(Errors(matter), Is.EqualTo(new[] { "$.materials[3].fileTypes[1] [unknown-file-type]" }));
    }

    [Test]
    public void Read_RefusesCommitmentTermsThatDoNotHold()
    {
        var offered = Food();
        offered["commitment"]!["excludedApplicants"] = new JsonArray("serious-bad-credit", "nobody");
        var notOffered = Food();
        notOffered["commitment"] = new JsonObject { ["offered"] = false, ["excludedApplicants"] = new JsonArray() };

        Assert.That(Errors(offered), Is.EqualTo(new[] { "$.commitment.excludedApplicants[1] [unknown-exclusion]", "$.commitment.excludedApplicants [missing-exclusion]" }));
        Assert.That(Errors(notOffered), Is.EqualTo(new[]
        {
            "$.materials[3].replaceableByCommitment [commitment-not-offered]",
            "$.materials[4].replaceableByCommitment [commitment-not-offered]",
            "$.materials[5].replaceableByCommitment [commitment-not-offered]",
        }));
    }

    [Test]
    public void Read_ReportsEveryProblemOfTheShape_WithItsPath()
    {
        var matter = Food();
        matter["colour"] = "red";
        matter.Remove("department");
        matter["legalLimitWorkingDays"] = "20";
        matter["name"]!["en"] = "";
        matter["licence"]!["validityMonths"] = 6;
        matter["materials"]![1]!["key"] = "yes";

        Assert.That(Errors(matter), Is.EquivalentTo(new[]
        {
            "$.colour [unknown-field]",
            "$.department [missing-field]",
            "$.legalLimitWorkingDays [wrong-type]",
            "$.name.en [empty]",
            "$.licence [validity]",
            "$.materials[1].key [wrong-type]",
        }));
    }

    [Test]
    public void Read_RefusesACodeThatIsNotTheFileName() =>
        Assert.That(Errors(Food(), "food-licence.json"), Is.EqualTo(new[] { "$.code [code-not-file-name]" }));

    [Test]
    public void Read_RefusesMalformedJson_WithThePathOfTheDuplicateKey()
    {
        var read = MatterReader.Read("""{"code":"a","code":"b"}""", "a.json");

        Assert.That(read.Errors.Single().ToString(), Does.StartWith("a.json: $.code: duplicate key 'code'"));
    }

    [Test]
    public void Bindings_RefuseAnUnknownProcedure_AndAnUnknownPinnedVersion()
    {
        var known = new Dictionary<string, IReadOnlySet<int>> { ["commitment"] = new HashSet<int> { 1 } };

        var unknown = MatterBindings.Check(new ProcedureBinding("no-such", null), "m.json", known).Single();
        var version = MatterBindings.Check(new ProcedureBinding("commitment", 2), "m.json", known).Single();

        Assert.That(unknown.ToString(), Is.EqualTo("m.json: $.procedure.definitionId: no procedure 'no-such'; known: commitment [unknown-procedure]"));
        Assert.That(version.ToString(), Is.EqualTo("m.json: $.procedure.version: no commitment v2; there are: v1 [unknown-version]"));
        Assert.That(MatterBindings.Check(new ProcedureBinding("commitment", 1), "m.json", known), Is.Empty);
    }
}
