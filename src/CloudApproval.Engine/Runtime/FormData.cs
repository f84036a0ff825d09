using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudApproval.Engine.Runtime;

/// <summary>Checks the data a clerk submits with a task against the task's form.</summary>
public static class FormData
{
    /// <summary>The form field types a definition may use.</summary>
    public static IReadOnlyList<string> FieldTypes { get; } = ["text", "integer", "boolean", "date", "file", "choice"];

    /// <summary>Null when the data fits the form for completing with <paramref name="outcome"/>, else every problem found.</summary>
    public static string? Check(IReadOnlyList<FormField> form, JsonObject? data, string? outcome = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        var problems = new List<string>();
        foreach (var field in form)
        {
            var value = data?[field.Name];
            // Blank text is no answer: "reasons required" must not be met by a space.
            if (value is null || (value.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetValue<string>()) && IsRequiredFor(field, outcome)))
            {
                if (field.Required) problems.Add($"'{field.Name}' ({field.Label}) is required");
                else if (IsRequiredFor(field, outcome)) problems.Add($"'{field.Name}' ({field.Label}) is required for the outcome '{outcome}'");
                continue;
            }
            var problem = CheckValue(field, value);
            if (problem is not null) problems.Add($"'{field.Name}': {problem}");
        }
        if (data is not null)
            foreach (var (key, _) in data)
                if (!form.Any(f => f.Name == key)) problems.Add($"'{key}' is not a field of this form");
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private static bool IsRequiredFor(FormField field, string? outcome) =>
        field.Required || (outcome is not null && field.RequiredFor is { } outcomes && outcomes.Contains(outcome));

    private static string? CheckValue(FormField field, JsonNode value)
    {
        var kind = value.GetValueKind();
        return field.Type switch
        {
            "integer" when !VariableValues.IsWholeNumber(value) => $"expected an integer, found {value.ToJsonString()}",
            "boolean" when kind is not (JsonValueKind.True or JsonValueKind.False) => $"expected true or false, found {value.ToJsonString()}",
            "date" when kind != JsonValueKind.String
                || !DateOnly.TryParseExact(value.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                => $"expected a date yyyy-MM-dd, found {value.ToJsonString()}",
            "choice" when kind != JsonValueKind.String || field.Choices is null || !field.Choices.Contains(value.GetValue<string>())
                => $"expected one of {string.Join(", ", field.Choices ?? [])}, found {value.ToJsonString()}",
            "text" or "file" when kind != JsonValueKind.String => $"expected text, found {value.ToJsonString()}",
            _ => null,
        };
    }
}
