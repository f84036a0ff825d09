using System.Text.Json;
using CloudApproval.Engine.Json;

namespace CloudApproval.Engine.Definitions;

/// <summary>
/// Reads a definition file into the model, collecting every structural problem (malformed JSON, unknown fields,
/// wrong types, missing fields) with its JSON path instead of stopping at the first. Semantic checks (activity
/// types, inputs, connections, reachability) belong to the validator.
/// </summary>
public static class DefinitionReader
{
    /// <summary>The longest definition text read, in characters; a real procedure is a few tens of thousands.</summary>
    public const int MaxLength = 2_000_000;

    /// <summary>Parses definition text; <paramref name="file"/> labels errors. Returns the model only when there is no error.</summary>
    public static ProcedureDefinition? Read(string json, string file, List<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(errors);
        if (json.Length > MaxLength)
        {
            errors.Add(new DefinitionError(file, "$", "too-large", $"the definition is {json.Length:N0} characters long; the limit is {MaxLength:N0} characters"));
            return null;
        }
        JsonDocument doc;
        try
        {
            doc = StrictJson.Parse(json);
        }
        catch (StrictJsonException ex)
        {
            errors.Add(new DefinitionError(file, ex.JsonPath, ex.Code, ex.Message));
            return null;
        }
        using (doc)
        {
            var before = errors.Count;
            var walker = new Walker(file, errors);
            var definition = walker.Definition(doc.RootElement);
            return errors.Count == before ? definition : null;
        }
    }

    /// <summary>Parses definition text or throws <see cref="InvalidDefinitionException"/>.</summary>
    public static ProcedureDefinition Read(string json, string file)
    {
        var errors = new List<DefinitionError>();
        return Read(json, file, errors) ?? throw new InvalidDefinitionException(errors);
    }

    private sealed class Walker(string file, List<DefinitionError> errors)
    {
        private static readonly string[] RootFields = ["definitionId", "version", "name", "description", "variables", "activities", "connections", "metadata"];
        private static readonly string[] VariableFields = ["name", "type", "default"];
        private static readonly string[] ActivityFields = ["id", "type", "displayName", "inputs", "position"];
        private static readonly string[] ConnectionFields = ["source", "outcome", "target"];
        private static readonly string[] PositionFields = ["x", "y"];
        private static readonly string[] MetadataFields = ["author", "changelog"];

        public ProcedureDefinition? Definition(JsonElement root)
        {
            if (!Object(root, "$")) return null;
            Unknown(root, "$", RootFields);
            return new ProcedureDefinition
            {
                DefinitionId = String(root, "$", "definitionId", required: true) ?? "",
                Version = Integer(root, "$", "version", required: true, min: 1) ?? 0,
                Name = String(root, "$", "name", required: true) ?? "",
                Description = String(root, "$", "description", required: false) ?? "",
                Variables = List(root, "$", "variables", required: false, Variable),
                Activities = List(root, "$", "activities", required: true, Activity),
                Connections = List(root, "$", "connections", required: true, Connection),
                Metadata = Metadata(root),
            };
        }

        private VariableDefinition? Variable(JsonElement e, string path)
        {
            if (!Object(e, path)) return null;
            Unknown(e, path, VariableFields);
            var name = String(e, path, "name", required: true);
            var typeText = String(e, path, "type", required: true);
            VariableType type = VariableType.Json;
            if (typeText is not null && !VariableTypes.TryParse(typeText, out type))
                Error($"{path}.type", "wrong-type", $"unknown variable type '{typeText}'; expected one of {string.Join(", ", VariableTypes.Names)}");
            JsonElement? @default = e.TryGetProperty("default", out var d) ? d.Clone() : null;
            return name is null ? null : new VariableDefinition(name, type, @default);
        }

        private ActivityDefinition? Activity(JsonElement e, string path)
        {
            if (!Object(e, path)) return null;
            Unknown(e, path, ActivityFields);
            var id = String(e, path, "id", required: true);
            var type = String(e, path, "type", required: true);
            var display = String(e, path, "displayName", required: false) ?? id ?? "";
            var inputs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            if (e.TryGetProperty("inputs", out var i))
            {
                if (Object(i, $"{path}.inputs"))
                    foreach (var p in i.EnumerateObject()) inputs[p.Name] = p.Value.Clone();
            }
            var position = new Position(0, 0);
            if (e.TryGetProperty("position", out var pos) && Object(pos, $"{path}.position"))
            {
                Unknown(pos, $"{path}.position", PositionFields);
                position = new Position(Number(pos, $"{path}.position", "x") ?? 0, Number(pos, $"{path}.position", "y") ?? 0);
            }
            return id is null || type is null ? null : new ActivityDefinition(id, type, display, inputs, position);
        }

        private Connection? Connection(JsonElement e, string path)
        {
            if (!Object(e, path)) return null;
            Unknown(e, path, ConnectionFields);
            var source = String(e, path, "source", required: true);
            var outcome = String(e, path, "outcome", required: true);
            var target = String(e, path, "target", required: true);
            return source is null || outcome is null || target is null ? null : new Connection(source, outcome, target);
        }

        private DefinitionMetadata Metadata(JsonElement root)
        {
            if (!root.TryGetProperty("metadata", out var m)) return new DefinitionMetadata("", []);
            if (!Object(m, "$.metadata")) return new DefinitionMetadata("", []);
            Unknown(m, "$.metadata", MetadataFields);
            var author = String(m, "$.metadata", "author", required: false) ?? "";
            var changelog = List(m, "$.metadata", "changelog", required: false, (e, p) =>
            {
                if (e.ValueKind == JsonValueKind.String) return e.GetString();
                Error(p, "wrong-type", $"expected a string, found {Kind(e)}");
                return null;
            });
            return new DefinitionMetadata(author, changelog);
        }

        private List<T> List<T>(JsonElement parent, string path, string name, bool required, Func<JsonElement, string, T?> item)
            where T : class
        {
            var result = new List<T>();
            if (!parent.TryGetProperty(name, out var array))
            {
                if (required) Error($"{path}.{name}", "missing-field", $"'{name}' is required");
                return result;
            }
            if (array.ValueKind != JsonValueKind.Array)
            {
                Error($"{path}.{name}", "wrong-type", $"expected an array, found {Kind(array)}");
                return result;
            }
            var index = 0;
            foreach (var e in array.EnumerateArray())
            {
                var value = item(e, $"{path}.{name}[{index++}]");
                if (value is not null) result.Add(value);
            }
            return result;
        }

        private string? String(JsonElement e, string path, string name, bool required)
        {
            if (!e.TryGetProperty(name, out var v))
            {
                if (required) Error($"{path}.{name}", "missing-field", $"'{name}' is required");
                return null;
            }
            if (v.ValueKind == JsonValueKind.String) return v.GetString();
            Error($"{path}.{name}", "wrong-type", $"expected a string, found {Kind(v)}");
            return null;
        }

        private int? Integer(JsonElement e, string path, string name, bool required, int min)
        {
            if (!e.TryGetProperty(name, out var v))
            {
                if (required) Error($"{path}.{name}", "missing-field", $"'{name}' is required");
                return null;
            }
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= min) return n;
            Error($"{path}.{name}", "wrong-type", $"expected an integer of at least {min}, found {Describe(v)}");
            return null;
        }

        private double? Number(JsonElement e, string path, string name)
        {
            if (!e.TryGetProperty(name, out var v)) return null;
            if (v.ValueKind == JsonValueKind.Number) return v.GetDouble();
            Error($"{path}.{name}", "wrong-type", $"expected a number, found {Kind(v)}");
            return null;
        }

        private bool Object(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.Object) return true;
            Error(path, "wrong-type", $"expected an object, found {Kind(e)}");
            return false;
        }

        private void Unknown(JsonElement e, string path, string[] allowed)
        {
            foreach (var p in e.EnumerateObject())
                if (Array.IndexOf(allowed, p.Name) < 0)
                    Error($"{path}.{p.Name}", "unknown-field", $"unknown field '{p.Name}'; expected one of {string.Join(", ", allowed)}");
        }

        private void Error(string path, string code, string message) => errors.Add(new DefinitionError(file, path, code, message));
    }

    internal static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    internal static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"\"{e.GetString()}\"",
        JsonValueKind.Number => e.GetRawText(),
        _ => Kind(e),
    };
}

/// <summary>Names of variable types as written in files.</summary>
public static class VariableTypes
{
    /// <summary>All names, in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<VariableType>().Select(Name).ToList();

    /// <summary>The file name of a type (camel case).</summary>
    public static string Name(VariableType type) => JsonNamingPolicy.CamelCase.ConvertName(type.ToString());

    /// <summary>Parses a file name of a type.</summary>
    public static bool TryParse(string text, out VariableType type)
    {
        foreach (var t in Enum.GetValues<VariableType>())
            if (Name(t) == text) { type = t; return true; }
        type = default;
        return false;
    }

}
