using System.Text;
using System.Text.Json;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Support;

/// <summary>
/// Builds small definitions from compact text: activities as a JSON array, connections as
/// <c>"source:outcome -> target"</c>. Read through <see cref="DefinitionReader"/> and, unless told otherwise, checked
/// by the validator so a test cannot pass on a definition the designer would refuse.
/// </summary>
internal static class Def
{
    public const string File = "test.json";

    public static ProcedureDefinition Flow(string activities, string[] connections, string variables = "[]", bool validate = true) =>
        Read(Text(activities, connections, variables), validate);

    public static ProcedureDefinition Read(string json, bool validate = true)
    {
        var definition = DefinitionReader.Read(json, File);
        if (validate)
        {
            var errors = ProcedureValidator.Validate(definition, File);
            if (errors.Count > 0) Assert.Fail("test definition is invalid:\n" + string.Join("\n", errors));
        }
        return definition;
    }

    /// <summary>The full definition text.</summary>
    public static string Text(string activities, string[] connections, string variables = "[]", string id = "test", int version = 1)
    {
        var json = new StringBuilder();
        json.Append($$"""{"definitionId":"{{id}}","version":{{version}},"name":"Test","variables":{{variables}},"activities":{{activities}},"connections":[""");
        for (var i = 0; i < connections.Length; i++)
        {
            var (source, outcome, target) = Connection(connections[i]);
            if (i > 0) json.Append(',');
            json.Append(JsonSerializer.Serialize(new { source, outcome, target }));
        }
        json.Append("]}");
        return json.ToString();
    }

    private static (string Source, string Outcome, string Target) Connection(string text)
    {
        var arrow = text.Split("->", StringSplitOptions.TrimEntries);
        var from = arrow[0].Split(':', StringSplitOptions.TrimEntries);
        if (arrow.Length != 2 || from.Length != 2) throw new ArgumentException($"'{text}' is not 'source:outcome -> target'", nameof(text));
        return (from[0], from[1], arrow[1]);
    }
}
