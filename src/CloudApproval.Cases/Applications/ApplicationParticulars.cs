using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudApproval.Cases.Matters;

namespace CloudApproval.Cases.Applications;

/// <summary>
/// The particulars (申请信息) of an application checked against its matter's form: when the draft is saved, when they are
/// changed, and again at submission (the matter may have changed meanwhile). Every problem is named by its field
/// (<c>particulars.&lt;key&gt;: ...</c>, joined by "; "), so a page shows each at its field. A matter without a form takes
/// the data as it comes, as before forms existed.
/// </summary>
public static class ApplicationParticulars
{
    public const string InvalidCode = "invalid-particulars";

    /// <summary>The data to store (text trimmed, blank values left out); refused with every problem when any.</summary>
    public static JsonObject Check(Matter matter, JsonObject? data)
    {
        ArgumentNullException.ThrowIfNull(matter);
        data ??= [];
        if (matter.Form is null) return (JsonObject)data.DeepClone();
        var fields = matter.Form.Fields;
        var problems = new List<string>();
        foreach (var key in data.Select(p => p.Key).Where(k => fields.All(f => f.Key != k)))
            problems.Add($"{Path(key)}: not a field of matter {matter.Code} (its fields are {string.Join(", ", fields.Select(f => f.Key))})");
        var clean = new JsonObject();
        foreach (var field in fields)
        {
            var value = data[field.Key];
            if (value is null || value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Trim().Length == 0)
            {
                if (field.Required) problems.Add($"{Path(field.Key)}: {Label(field)} is required");
                continue;
            }
            if (Problem(field, value, out var stored) is { } problem) problems.Add($"{Path(field.Key)}: {Label(field)} {problem}");
            else clean[field.Key] = stored;
        }
        if (problems.Count > 0) throw new CasesException(InvalidCode, string.Join("; ", problems));
        return clean;
    }

    /// <summary>
    /// The stored particulars with the labels the applicant read (and a chosen option's label), in the form's order: what
    /// the receipt lists and the application statement signs. Null for a matter without a form.
    /// </summary>
    public static IReadOnlyList<Particular>? Labelled(Matter matter, JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(matter);
        ArgumentNullException.ThrowIfNull(data);
        return matter.Form?.Fields.Where(f => data[f.Key] is not null)
            .Select(f => new Particular(f.Key, f.Label, data[f.Key]!.DeepClone(),
                f.Options?.FirstOrDefault(o => data[f.Key] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == o.Value)?.Label))
            .ToList();
    }

    /// <summary>How a field names itself in a problem: the path the page shows it at.</summary>
    public static string Path(string key) => "particulars." + key;

    private static string Label(MatterField field) => $"'{field.Label.Zh}' ({field.Label.En})";

    private static string? Problem(MatterField field, JsonNode value, out JsonNode? stored)
    {
        stored = null;
        var kind = value.GetValueKind();
        switch (field.Type)
        {
            case MatterFieldTypes.Text or MatterFieldTypes.Multiline:
            {
                if (kind != JsonValueKind.String) return $"must be text, not {Kind(kind)}";
                var text = value.GetValue<string>().Trim();
                if (field.Type == MatterFieldTypes.Text && text.Contains('\n', StringComparison.Ordinal)) return "must be one line";
                if (field.MaxLength is { } max && text.Length > max) return $"is {text.Length} characters long, at most {max} are allowed";
                if (field.Pattern is { } pattern && !Matches(text, pattern)) return $"'{text}' is not in the required form";
                stored = text;
                return null;
            }
            case MatterFieldTypes.Number:
            {
                // Read from its JSON text: a value built in code (an int) and one parsed from a request read alike.
                if (kind != JsonValueKind.Number || !decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return $"must be a number, not {Kind(kind)}";
                if (field.Min is { } min && number < min) return $"is {number.ToString(CultureInfo.InvariantCulture)}, at least {min.ToString(CultureInfo.InvariantCulture)} is required";
                if (field.Max is { } max && number > max) return $"is {number.ToString(CultureInfo.InvariantCulture)}, at most {max.ToString(CultureInfo.InvariantCulture)} is allowed";
                stored = JsonValue.Create(number);
                return null;
            }
            case MatterFieldTypes.Date:
            {
                if (kind != JsonValueKind.String || !DateOnly.TryParseExact(value.GetValue<string>().Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                    return "must be a date written yyyy-MM-dd";
                stored = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return null;
            }
            case MatterFieldTypes.Select:
            {
                var chosen = kind == JsonValueKind.String ? value.GetValue<string>().Trim() : null;
                if (chosen is null || field.Options!.All(o => o.Value != chosen))
                    return $"must be one of {string.Join(", ", field.Options!.Select(o => o.Value))}";
                stored = chosen;
                return null;
            }
            case MatterFieldTypes.Boolean:
                if (kind is not (JsonValueKind.True or JsonValueKind.False)) return $"must be true or false, not {Kind(kind)}";
                stored = value.GetValue<bool>();
                return null;
            default:
                throw new InvalidOperationException($"field type '{field.Type}' has no check");
        }
    }

    /// <summary>The whole value must match; a pattern that takes too long on a value refuses it rather than the server's time.</summary>
    private static bool Matches(string text, string pattern)
    {
        try
        {
            return Regex.IsMatch(text, $"^(?:{pattern})$", RegexOptions.None, TimeSpan.FromMilliseconds(100));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string Kind(JsonValueKind kind) => kind.ToString().ToLowerInvariant();
}

/// <summary>A particular as the applicant filled it in, with its label (and the chosen option's label for a select).</summary>
public sealed record Particular(string Key, MatterName Label, JsonNode Value, MatterName? ValueLabel = null);
