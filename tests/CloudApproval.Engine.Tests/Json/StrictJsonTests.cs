using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Json;
using CloudApproval.Engine.Simulation;

namespace CloudApproval.Engine.Tests.Json;

/// <summary>
/// The one strict reader of JSON text: what System.Text.Json lets through and something downstream then trips over is
/// refused with the JSON path, the line and a stable code.
/// </summary>
public sealed class StrictJsonTests
{
    [TestCase("""{"a":1,"a":2}""", "duplicate-key", "$.a", "duplicate key 'a' (line 1)")]
    [TestCase("""{"x":{"b":[{"k":1,"\u006b":2}]}}""", "duplicate-key", "$.x.b[0].k", "duplicate key 'k' (line 1)")]
    [TestCase("{\n\"n\": [1, 2, 1e400]\n}", "number-out-of-range", "$.n[2]", "the number 1e400 is out of range (line 2)")]
    [TestCase("""{"n":-1E+309}""", "number-out-of-range", "$.n", "the number -1E+309 is out of range (line 1)")]
    [TestCase("""{"s":"\ud800"}""", "invalid-string", "$.s", "the string contains a lone UTF-16 surrogate escape (\\uD800-\\uDFFF not in a pair) (line 1)")]
    [TestCase("""{"s":["ok","\udc00\ud800"]}""", "invalid-string", "$.s[1]", "the string contains a lone UTF-16 surrogate escape (\\uD800-\\uDFFF not in a pair) (line 1)")]
    [TestCase("""{"ok":1,"\ud800":1}""", "invalid-string", "$.ok", "the key contains a lone UTF-16 surrogate escape (\\uD800-\\uDFFF not in a pair) (line 1)")]
    [TestCase("""{"a":[1,2,]}""", "malformed-json", "$.a[2]", "malformed JSON at line 1")]
    [TestCase("""{"odd key":{"a":1,"a":1}}""", "duplicate-key", "$['odd key'].a", "duplicate key 'a' (line 1)")]
    public void Parse_RefusesWithCodePathAndLine(string text, string code, string path, string message)
    {
        var ex = Assert.Throws<StrictJsonException>(() => StrictJson.Parse(text).Dispose());

        Assert.That((ex!.Code, ex.JsonPath), Is.EqualTo((code, path)), ex.Message);
        Assert.That(ex.Message, Does.StartWith(message));
        Assert.That(ex.Describe(), Does.StartWith($"{path}: {message}"));
    }

    [Test]
    public void Parse_RefusesNestingDeeperThanTheLimit_NamingWhere()
    {
        var text = new string('[', StrictJson.MaxDepth + 1) + new string(']', StrictJson.MaxDepth + 1);

        var ex = Assert.Throws<StrictJsonException>(() => StrictJson.Parse(text).Dispose());

        Assert.That(ex!.Code, Is.EqualTo("too-deep"));
        Assert.That(ex.JsonPath, Does.StartWith("$[0][0]"));
    }

    [Test]
    public void Parse_AcceptsTheDeepestNestingAllowed()
    {
        var text = new string('[', StrictJson.MaxDepth) + new string(']', StrictJson.MaxDepth);

        Assert.DoesNotThrow(() => StrictJson.Parse(text).Dispose());
    }

    [Test]
    public void Parse_RefusesTextLongerThanTheLimit_BeforeReadingIt()
    {
        var text = "\"" + new string('x', StrictJson.MaxLength) + "\"";

        var ex = Assert.Throws<StrictJsonException>(() => StrictJson.Parse(text).Dispose());

        Assert.That((ex!.Code, ex.JsonPath), Is.EqualTo(("too-large", "$")));
    }

    [Test]
    public void Parse_RefusesALoneSurrogateInAStringBuiltInCode()
    {
        var ex = Assert.Throws<StrictJsonException>(() => StrictJson.ParseNode("\"\ud800\""));

        Assert.That(ex!.Code, Is.EqualTo("invalid-string"));
    }

    [TestCase("""{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}""")]
    [TestCase("""{"s":"\ud83d\ude00","n":1.7976931348623157e308,"tiny":1e-400}""")]
    [TestCase("null")]
    public void Parse_AcceptsStrictJson(string text)
    {
        Assert.DoesNotThrow(() => StrictJson.Parse(text).Dispose());
        Assert.DoesNotThrow(() => StrictJson.ParseNode(text));
    }

    private const string ScenarioHead = """{"name":"x","start":"2026-03-02T10:00:00+08:00","expect":{}""";

    [TestCase(ScenarioHead + ""","name":"y"}""", "$.name: duplicate key 'name'")]
    [TestCase(ScenarioHead + ""","steps":[{"advance":"1d"},{"complete":"a","data":{"n":1e400}}]}""", "$.steps[1].data.n: the number 1e400 is out of range")]
    [TestCase(ScenarioHead + ""","input":{"who":"\udfff"}}""", "$.input.who: the string contains a lone UTF-16 surrogate")]
    public void Scenario_Parse_RefusesNonStrictJson_NamingFileAndPath(string json, string expected)
    {
        var ex = Assert.Throws<ScenarioException>(() => Scenario.Parse(json, "bad.json"));

        Assert.That(ex!.Message, Does.StartWith($"bad.json: {expected}"));
    }

    private const string CalendarHead = """{"year":2030,"daysOff":[],"extraWorkingDays":[]""";

    [TestCase(CalendarHead + ""","year":2031}""", "$.year: duplicate key 'year'")]
    [TestCase("""{"year":1e400,"daysOff":[],"extraWorkingDays":[]}""", "$.year: the number 1e400 is out of range")]
    [TestCase(CalendarHead + ""","source":"\ud800x"}""", "$.source: the string contains a lone UTF-16 surrogate")]
    public void Calendar_Parse_RefusesNonStrictJson_NamingFileAndPath(string json, string expected)
    {
        var ex = Assert.Throws<CalendarFileException>(() => CalendarFiles.Parse(json, "cn-2030.json"));

        Assert.That(ex!.Message, Does.StartWith($"cn-2030.json: {expected}"));
    }
}
