using System.Text.Json.Nodes;
using CloudApproval.Cases.Matters;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Matters;

/// <summary>The <c>form</c> section of matter files: every problem reported with its JSON path, one run for all.</summary>
public sealed class MatterFormTests
{
    private static JsonObject Food() => MatterFiles.LoadSeed("food-business-licence");

    private static IReadOnlyList<string> Errors(JsonObject matter) =>
        MatterReader.Read(matter.ToJsonString(), "food-business-licence.json").Errors.Select(e => $"{e.Path} [{e.Code}]").ToList();

    private static JsonObject Field(string key, string type, Action<JsonObject>? with = null)
    {
        var field = new JsonObject { ["key"] = key, ["label"] = new JsonObject { ["zh"] = "字段", ["en"] = "Field" }, ["type"] = type, ["required"] = true };
        with?.Invoke(field);
        return field;
    }

    [Test]
    public void Every_seed_matter_declares_a_form_with_labelled_fields_and_options()
    {
        foreach (var file in MatterFiles.Seeds())
        {
            var form = MatterReader.ReadFile(file).Matter!.Form;
            Assert.That(form, Is.Not.Null, file);
            Assert.That(form!.Fields, Has.Count.GreaterThanOrEqualTo(4), file);
            Assert.That(form.Fields.Where(f => f.Type == MatterFieldTypes.Select).All(f => f.Options is { Count: > 0 }), Is.True, file);
        }
    }

    [Test]
    public void Every_form_problem_is_reported_with_its_path_in_one_run()
    {
        var matter = Food();
        var fields = matter["form"]!["fields"]!.AsArray();
        var start = fields.Count;
        fields.Add(Field("shopName", "text"));                                              // duplicate key
        fields.Add(Field("kind", "select"));                                                // select without options
        fields.Add(Field("code", "text", f => f["pattern"] = "[a-"));                       // bad regex
        fields.Add(Field("when", "datetime"));                                              // unknown type
        fields.Add(Field("area", "number", f => { f["maxLength"] = 3; f["min"] = 5; f["max"] = 1; }));
        fields.Add(Field("flag", "boolean", f => f["options"] = new JsonArray(new JsonObject { ["value"] = "y", ["label"] = new JsonObject { ["zh"] = "是", ["en"] = "Yes" } })));
        fields.Add(Field("Bad-Key", "text"));
        fields.Add(Field("pick", "select", f => f["options"] = new JsonArray(
            new JsonObject { ["value"] = "a", ["label"] = new JsonObject { ["zh"] = "甲", ["en"] = "A" } },
            new JsonObject { ["value"] = "a", ["label"] = new JsonObject { ["zh"] = "乙", ["en"] = "B" } })));
        fields.Add(Field("extra", "text", f => f["colour"] = "red"));

        var at = (int i) => $"$.form.fields[{start + i}]";
        Assert.That(Errors(matter), Is.EquivalentTo(new[]
        {
            $"{at(0)}.key [duplicate-field]",
            $"{at(1)}.options [options-required]",
            $"{at(2)}.pattern [invalid-pattern]",
            $"{at(3)}.type [unknown-type]",
            $"{at(4)}.maxLength [constraint-not-allowed]",
            $"{at(4)}.max [max-below-min]",
            $"{at(5)}.options [options-not-allowed]",
            $"{at(6)}.key [not-a-field-key]",
            $"{at(7)}.options[1].value [duplicate-option]",
            $"{at(8)}.colour [unknown-field]",
        }));
    }

    [Test]
    public void An_empty_form_is_refused_and_a_matter_without_one_reads_as_before()
    {
        var empty = Food();
        empty["form"] = new JsonObject { ["fields"] = new JsonArray() };
        var without = Food();
        without.Remove("form");

        Assert.That(Errors(empty), Is.EqualTo(new[] { "$.form.fields [empty]" }));
        var read = MatterReader.Read(without.ToJsonString(), "food-business-licence.json");
        Assert.That(read.Errors, Is.Empty);
        Assert.That(read.Matter!.Form, Is.Null);
        Assert.That(MatterJson.Write(read.Matter), Does.Not.Contain("\"form\""), "a matter without a form keeps its canonical text (and hash)");
    }
}
