using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudApproval.Web.Components.Workspaces;

/// <summary>JSON as people read it on a page: Chinese as Chinese, not \u escapes (the page encodes what it shows).</summary>
internal static class JsonText
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    public static string Of(JsonNode? node, bool indented = false) => node?.ToJsonString(indented ? Indented : Compact) ?? "";
}
