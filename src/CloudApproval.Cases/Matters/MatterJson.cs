using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudApproval.Cases.Matters;

/// <summary>
/// The canonical text of a matter: the record written in its declared field order, two-space indented, Chinese unescaped.
/// Stored and hashed in this form, so reordering keys or re-indenting a file is no change while any change of content is.
/// </summary>
public static class MatterJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(Matter matter) => JsonSerializer.Serialize(matter, Options) + "\n";

    /// <summary>A stored canonical text back as the record (it was valid when stored).</summary>
    public static Matter Read(string json) => JsonSerializer.Deserialize<Matter>(json, Options)
        ?? throw new JsonException("a stored matter is the literal null");
}
