using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudApproval.Engine.Runtime;

/// <summary>JSON settings for engine data (state, effects, stimuli) wherever it is stored or printed.</summary>
public static class EngineJson
{
    /// <summary>camelCase, enums as strings, nulls omitted, Chinese unescaped.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
