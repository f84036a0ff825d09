using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Engine.Definitions;

namespace CloudApproval.Engine.Runtime;

/// <summary>Type checks for variable values, shared by the validator (defaults) and the runner (start input).</summary>
public static class VariableValues
{
    /// <summary>Null when the value fits the type, else what is wrong.</summary>
    public static string? Check(VariableType type, JsonNode? value)
    {
        if (value is null) return null;
        var kind = value.GetValueKind();
        return type switch
        {
            VariableType.Text when kind != JsonValueKind.String => $"expected text, found {kind.ToString().ToLowerInvariant()}",
            VariableType.Integer when !IsWholeNumber(value) =>
                $"expected an integer, found {value.ToJsonString()}",
            VariableType.Boolean when kind is not (JsonValueKind.True or JsonValueKind.False) => $"expected true or false, found {value.ToJsonString()}",
            VariableType.Duration when kind != JsonValueKind.String => $"expected a duration such as 5wd, found {value.ToJsonString()}",
            VariableType.Duration when Duration.TryParse(value.GetValue<string>(), out var error) is null => error,
            _ => null,
        };
    }

    /// <summary>
    /// Whether a JSON number is whole. Judged on its JSON text: a value built in code (an int, say) does not convert to
    /// long through <c>TryGetValue</c>, though one parsed from text does.
    /// </summary>
    internal static bool IsWholeNumber(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.Number
        && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
}
