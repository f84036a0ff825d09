using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudApproval.Web.Components.Designer;

/// <summary>A list input whose items are objects (branches, form fields), as rows to edit; an empty list removes the input.</summary>
internal static class JsonRows
{
    public static List<JsonObject> Of(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object ? JsonNode.Parse(e.GetRawText())!.AsObject() : new JsonObject()).ToList()
            : [];

    public static JsonElement? ToValue(IReadOnlyList<JsonObject> rows) =>
        rows.Count == 0 ? null : JsonSerializer.SerializeToElement(new JsonArray(rows.Select(r => (JsonNode)r.DeepClone()).ToArray()));
}
