using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudApproval.Cases.Instances;

/// <summary>JSON columns handed to readers as JSON, never as JSON inside a string.</summary>
internal static class StoredJson
{
    /// <summary>
    /// The column's JSON; a column that is not valid JSON (edited behind the application's back) becomes a note saying
    /// so, so one altered row does not take a whole case file down (audit verify names what changed).
    /// </summary>
    public static JsonNode? Parse(string? text)
    {
        if (text is null) return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create("(stored value is not valid JSON; run audit verify)");
        }
    }

    /// <summary>A stored JSON array of strings (a task's outcomes); an altered column yields an empty list.</summary>
    public static IReadOnlyList<string> Strings(string? text) =>
        Parse(text) is JsonArray array ? [.. array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "")] : [];
}
