using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Engine.Activities;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Schema;

/// <summary>
/// Generates <c>workflows/schema/procedure.schema.json</c> (JSON Schema 2020-12) from the activity registry, so editors
/// can check definitions as they are typed. Checked in; a test fails when it drifts from the registry.
/// </summary>
public static class SchemaGenerator
{
    /// <summary>The schema text, canonical like definition files.</summary>
    public static string Generate()
    {
        var defs = new JsonObject
        {
            ["variable"] = Obj(["name", "type"], new JsonObject
            {
                ["name"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[A-Za-z_][A-Za-z0-9_]*$" },
                ["type"] = new JsonObject { ["enum"] = Array(VariableTypes.Names) },
                ["default"] = new JsonObject(),
            }),
            ["connection"] = Obj(["source", "outcome", "target"], new JsonObject
            {
                ["source"] = Str(), ["outcome"] = Str(), ["target"] = Str(),
            }),
            ["position"] = Obj(["x", "y"], new JsonObject { ["x"] = Num(), ["y"] = Num() }),
            ["metadata"] = Obj([], new JsonObject
            {
                ["author"] = Str(),
                ["changelog"] = new JsonObject { ["type"] = "array", ["items"] = Str() },
            }),
            ["activity"] = Activity(),
        };
        foreach (var kind in Enum.GetValues<InputKind>()) defs[KindName(kind)] = KindSchema(kind);
        foreach (var d in ActivityRegistry.Descriptors) defs[$"inputs.{d.Type}"] = Inputs(d);

        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "urn:cloudapproval:procedure",
            ["title"] = "CloudApproval procedure definition",
            ["description"] = "Generated from the activity registry by `cloudapproval schema`; do not edit by hand.",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["required"] = Array(["definitionId", "version", "name", "activities", "connections"]),
            ["properties"] = new JsonObject
            {
                ["definitionId"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[a-z][a-z0-9]*(-[a-z0-9]+)*$" },
                ["version"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 },
                ["name"] = Str(),
                ["description"] = Str(),
                ["variables"] = new JsonObject { ["type"] = "array", ["items"] = Ref("variable") },
                ["activities"] = new JsonObject { ["type"] = "array", ["items"] = Ref("activity") },
                ["connections"] = new JsonObject { ["type"] = "array", ["items"] = Ref("connection") },
                ["metadata"] = Ref("metadata"),
            },
            ["$defs"] = defs,
        };
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, DefinitionWriter.Options)) schema.WriteTo(writer);
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static JsonObject Activity()
    {
        var branches = new JsonArray();
        foreach (var d in ActivityRegistry.Descriptors)
            branches.Add(new JsonObject
            {
                ["if"] = new JsonObject { ["properties"] = new JsonObject { ["type"] = new JsonObject { ["const"] = d.Type } } },
                ["then"] = new JsonObject { ["properties"] = new JsonObject { ["inputs"] = Ref($"inputs.{d.Type}") } },
            });
        var activity = Obj(["id", "type"], new JsonObject
        {
            ["id"] = Str(),
            ["type"] = new JsonObject { ["enum"] = Array(ActivityRegistry.Descriptors.Select(d => d.Type)) },
            ["displayName"] = Str(),
            ["inputs"] = new JsonObject { ["type"] = "object" },
            ["position"] = Ref("position"),
        });
        activity["allOf"] = branches;
        return activity;
    }

    private static JsonObject Inputs(ActivityDescriptor d)
    {
        var properties = new JsonObject();
        foreach (var input in d.Inputs)
        {
            var schema = input.Kind == InputKind.Choice
                ? new JsonObject { ["enum"] = Array(input.Choices!) }
                : Ref(KindName(input.Kind));
            schema["description"] = input.Description;
            properties[input.Name] = schema;
        }
        var result = Obj(d.Inputs.Where(i => i.Required).Select(i => i.Name), properties);
        result["description"] = d.Description;
        return result;
    }

    private static JsonObject KindSchema(InputKind kind)
    {
        const string variable = "^\\$[A-Za-z_][A-Za-z0-9_]*$";
        const string slug = "^[a-z][a-z0-9]*(-[a-z0-9]+)*$";
        return kind switch
        {
            InputKind.Text or InputKind.Expression or InputKind.ActivityRef or InputKind.VariableRef or InputKind.ObjectVariableRef or InputKind.Choice =>
                new JsonObject { ["type"] = "string", ["minLength"] = 1 },
            InputKind.Integer => new JsonObject
            {
                ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "integer", ["minimum"] = 0 }, Pattern(variable)),
            },
            InputKind.Boolean => new JsonObject { ["type"] = "boolean" },
            InputKind.WorkingDays => Pattern($"^([0-9]{{1,7}}wd|{variable[1..^1]})$"),
            InputKind.CalendarPeriod => Pattern($"^([0-9]{{1,7}}(y|mo|d)|{variable[1..^1]})$"),
            InputKind.WorkingDaysList => new JsonObject { ["type"] = "array", ["items"] = Pattern("^[0-9]{1,7}wd$") },
            InputKind.Days => Pattern($"^([0-9]{{1,7}}(wd|d)|{variable[1..^1]})$"),
            InputKind.Duration => Pattern($"^([0-9]{{1,7}}(wd|y|mo|d|h|m|s)|{variable[1..^1]})$"),
            InputKind.Role => Pattern(slug),
            InputKind.Department => Pattern($"^({slug[1..^1]}|{variable[1..^1]})$"),
            InputKind.Outcomes => new JsonObject { ["type"] = "array", ["minItems"] = 1, ["uniqueItems"] = true, ["items"] = Pattern(slug) },
            InputKind.Branches => new JsonObject
            {
                ["type"] = "array",
                ["minItems"] = 1,
                ["items"] = Obj(["port", "condition"], new JsonObject { ["port"] = Pattern(slug), ["condition"] = Str() }),
            },
            InputKind.FormFields => new JsonObject
            {
                ["type"] = "array",
                ["items"] = Obj(["name", "label", "type"], new JsonObject
                {
                    ["name"] = Str(),
                    ["label"] = Str(),
                    ["type"] = new JsonObject { ["enum"] = Array(FormData.FieldTypes) },
                    ["required"] = new JsonObject { ["type"] = "boolean" },
                    ["choices"] = new JsonObject { ["type"] = "array", ["items"] = Str() },
                    ["requiredFor"] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["uniqueItems"] = true, ["items"] = Pattern(slug) },
                }),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>The name of an input kind in the schema and the designer (camelCase).</summary>
    public static string KindName(InputKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    private static JsonObject Obj(IEnumerable<string> required, JsonObject properties) => new()
    {
        ["type"] = "object",
        ["additionalProperties"] = false,
        ["required"] = Array(required),
        ["properties"] = properties,
    };

    private static JsonObject Ref(string name) => new() { ["$ref"] = $"#/$defs/{name}" };
    private static JsonObject Str() => new() { ["type"] = "string" };
    private static JsonObject Num() => new() { ["type"] = "number" };
    private static JsonObject Pattern(string pattern) => new() { ["type"] = "string", ["pattern"] = pattern };
    private static JsonArray Array(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode)JsonValue.Create(i))]);
}
