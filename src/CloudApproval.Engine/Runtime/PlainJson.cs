using System.Text.Json.Nodes;

namespace CloudApproval.Engine.Runtime;

/// <summary>
/// Whether a value is plain JSON that the state can hold and give back byte for byte: finite numbers, well-formed
/// Unicode text (no unpaired surrogate) of modest length, modest nesting. Values built in code can be none of these (a NaN double, the
/// string "\ud800"), and once stored they made the state unwritable; they are refused where they enter.
/// </summary>
public static class PlainJson
{
    /// <summary>How deep a value may nest; the state adds a few levels and must stay within the serialiser's 64.</summary>
    public const int MaxDepth = 32;

    /// <summary>
    /// The longest text value a stimulus may carry (characters). Opinions and findings fit many times over; documents
    /// are materials, stored as files, not text in a case's state that every transition rewrites and hashes.
    /// </summary>
    public const int MaxTextLength = 32 * 1024;

    /// <summary>Null when the value is plain JSON, else what is wrong and where (<paramref name="path"/> names the value).</summary>
    public static string? Problem(JsonNode? value, string path) => Problem(value, path, 0);

    private static string? Problem(JsonNode? value, string path, int depth)
    {
        if (depth > MaxDepth) return $"{path}: nested deeper than {MaxDepth} levels";
        switch (value)
        {
            case null:
                return null;
            case JsonObject o:
                foreach (var (key, item) in o)
                {
                    if (!IsWellFormed(key)) return $"{path}: a key holds an unpaired surrogate, which is not Unicode text";
                    if (Problem(item, $"{path}.{key}", depth + 1) is { } problem) return problem;
                }
                return null;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    if (Problem(a[i], $"{path}[{i}]", depth + 1) is { } problem) return problem;
                return null;
            default:
                var v = (JsonValue)value;
                if (v.TryGetValue<string>(out var text))
                    return text.Length > MaxTextLength ? $"{path}: the text is {text.Length} characters long; at most {MaxTextLength} are accepted"
                        : IsWellFormed(text) ? null : $"{path}: the text holds an unpaired surrogate, which is not Unicode text";
                // A number read from JSON is a finite double (1e300 too, though it overflows a float): checked once.
                if (v.TryGetValue<double>(out var d)) return double.IsFinite(d) ? null : $"{path}: {d} is not a JSON number";
                if (v.TryGetValue<float>(out var f)) return float.IsFinite(f) ? null : $"{path}: {f} is not a JSON number";
                if (v.TryGetValue<bool>(out _)) return null;
                try
                {
                    // Anything else wrapped in a JsonValue must at least write as JSON.
                    _ = v.ToJsonString();
                    return null;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    return $"{path}: not a JSON value ({ex.Message})";
                }
        }
    }

    /// <summary>True when every surrogate in the text is half of a pair.</summary>
    public static bool IsWellFormed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return false;
        }
        return true;
    }
}
