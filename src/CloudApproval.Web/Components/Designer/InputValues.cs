using System.Globalization;
using System.Text.Json;
using CloudApproval.Engine.Activities;

namespace CloudApproval.Web.Components.Designer;

/// <summary>
/// Between the property panel's fields and an input's JSON value. An empty field removes the input; what cannot be
/// read as the kind wants is kept as written, and the validator says what is wrong with it.
/// </summary>
public static class InputValues
{
    /// <summary>The units a duration input of a kind accepts, as written after the number.</summary>
    public static IReadOnlyList<string> Units(InputKind kind) => kind switch
    {
        InputKind.WorkingDays => ["wd"],
        InputKind.Days => ["wd", "d"],
        InputKind.CalendarPeriod => ["y", "mo", "d"],
        _ => ["wd", "d", "h", "m", "s", "mo", "y"],
    };

    public static string Text(JsonElement? value) => value switch
    {
        null => "",
        { ValueKind: JsonValueKind.String } v => v.GetString()!,
        { } v => v.GetRawText(),
    };

    public static JsonElement? FromText(string? text) =>
        string.IsNullOrEmpty(text) ? null : JsonSerializer.SerializeToElement(text);

    /// <summary>A whole number, or a <c>$variable</c> (or anything else, as text for the validator to name).</summary>
    public static JsonElement? FromInteger(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? JsonSerializer.SerializeToElement(n)
        : JsonSerializer.SerializeToElement(text.Trim());

    public static JsonElement? FromBoolean(bool? value) => value is { } b ? JsonSerializer.SerializeToElement(b) : null;

    public static bool? Boolean(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>5wd → ("5", "wd"); a $variable or anything else → (text, null).</summary>
    public static (string Amount, string? Unit) SplitDuration(string text)
    {
        var digits = text.TakeWhile(char.IsAsciiDigit).Count();
        var unit = text[digits..];
        return digits > 0 && unit.Length > 0 && unit.All(char.IsAsciiLetterLower) ? (text[..digits], unit) : (text, null);
    }

    /// <summary>A number and a unit make <c>5wd</c>; a <c>$variable</c> stays as it is.</summary>
    public static JsonElement? FromDuration(string? amount, string unit)
    {
        if (string.IsNullOrWhiteSpace(amount)) return null;
        var text = amount.Trim();
        return FromText(text.StartsWith('$') || !text.All(char.IsAsciiDigit) ? text : text + unit);
    }

    public static IReadOnlyList<string> Strings(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList()
            : [];

    public static JsonElement? FromStrings(IEnumerable<string> items)
    {
        var list = items.Select(i => i.Trim()).Where(i => i.Length > 0).ToList();
        return list.Count == 0 ? null : JsonSerializer.SerializeToElement(list);
    }

    /// <summary>Comma-separated text (choices, outcomes a field is required for) to a list.</summary>
    public static IReadOnlyList<string> SplitList(string? text) =>
        (text ?? "").Split([',', '，'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>JSON as typed; text that is not JSON is kept as a string (for the validator to name); empty is none.</summary>
    public static JsonElement? FromJsonText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }
}
