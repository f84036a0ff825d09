using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CloudApproval.Engine.Activities;

namespace CloudApproval.Engine.Definitions;

/// <summary>
/// Writes definitions in the one canonical form used on disk: fixed key order (inputs in the order their activity
/// type declares them), two-space indentation, Chinese text unescaped, LF line ends and a final newline.
/// Export, import and the designer all go through here, so a definition changed anywhere diffs cleanly in git.
/// </summary>
public static class DefinitionWriter
{
    internal static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        // Readable Chinese in files under review; these files are never embedded in HTML unescaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The canonical text of a definition.</summary>
    public static string Write(ProcedureDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("definitionId", definition.DefinitionId);
            w.WriteNumber("version", definition.Version);
            w.WriteString("name", definition.Name);
            w.WriteString("description", definition.Description);
            w.WriteStartArray("variables");
            foreach (var v in definition.Variables)
            {
                w.WriteStartObject();
                w.WriteString("name", v.Name);
                w.WriteString("type", VariableTypes.Name(v.Type));
                if (v.Default is { } d)
                {
                    w.WritePropertyName("default");
                    d.WriteTo(w);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("activities");
            foreach (var a in definition.Activities) WriteActivity(w, a);
            w.WriteEndArray();
            w.WriteStartArray("connections");
            foreach (var c in definition.Connections)
            {
                w.WriteStartObject();
                w.WriteString("source", c.Source);
                w.WriteString("outcome", c.Outcome);
                w.WriteString("target", c.Target);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("metadata");
            w.WriteString("author", definition.Metadata.Author);
            w.WriteStartArray("changelog");
            foreach (var line in definition.Metadata.Changelog) w.WriteStringValue(line);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Re-writes definition text canonically; throws <see cref="InvalidDefinitionException"/> when it cannot be read.</summary>
    public static string Format(string json, string file) => Write(DefinitionReader.Read(json, file));

    private static void WriteActivity(Utf8JsonWriter w, ActivityDefinition a)
    {
        w.WriteStartObject();
        w.WriteString("id", a.Id);
        w.WriteString("type", a.Type);
        w.WriteString("displayName", a.DisplayName);
        w.WriteStartObject("inputs");
        foreach (var name in InputOrder(a))
        {
            w.WritePropertyName(name);
            a.Inputs[name].WriteTo(w);
        }
        w.WriteEndObject();
        w.WriteStartObject("position");
        w.WriteNumber("x", a.Position.X);
        w.WriteNumber("y", a.Position.Y);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static IEnumerable<string> InputOrder(ActivityDefinition a)
    {
        var declared = ActivityRegistry.Find(a.Type)?.Descriptor.Inputs.Select(i => i.Name).ToList() ?? [];
        var known = declared.Where(a.Inputs.ContainsKey);
        var unknown = a.Inputs.Keys.Where(k => !declared.Contains(k)).Order(StringComparer.Ordinal);
        return known.Concat(unknown);
    }
}
