using System.Text.Json;
using CloudApproval.Engine.Activities;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Expressions;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Validation;

/// <summary>What each <see cref="InputKind"/> accepts; the one place these rules live.</summary>
internal static class InputRules
{
    public sealed record Problem(string Code, string Message, string? Path = null);

    public static Problem? Check(InputDescriptor input, JsonElement value, ProcedureDefinition definition)
    {
        switch (input.Kind)
        {
            case InputKind.Text:
                if (value.ValueKind == JsonValueKind.String && ActivityContext.VariableRef(value.GetString()) is not null)
                    return VariableOf(value.GetString()!, definition, VariableType.Text);
                return NonEmptyString(value);
            case InputKind.Boolean:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : Wrong("true or false", value);
            case InputKind.Integer:
                if (value.ValueKind == JsonValueKind.String) return VariableOf(value.GetString()!, definition, VariableType.Integer);
                return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 0 ? null : Wrong("a whole number", value);
            case InputKind.WorkingDays or InputKind.CalendarPeriod or InputKind.Duration or InputKind.Days:
                return CheckDuration(input.Kind, value, definition);
            case InputKind.WorkingDaysList:
                return WorkingDaysList(value);
            case InputKind.Role:
                return value.ValueKind == JsonValueKind.String && ProcedureValidator.IsSlug(value.GetString()!)
                    ? null : Wrong("a role slug such as intake-clerk", value);
            case InputKind.Department:
                if (value.ValueKind == JsonValueKind.String && ActivityContext.VariableRef(value.GetString()) is not null)
                    return VariableOf(value.GetString()!, definition, VariableType.Text);
                return value.ValueKind == JsonValueKind.String && ProcedureValidator.IsSlug(value.GetString()!)
                    ? null : Wrong("a department slug or $variable", value);
            case InputKind.Expression:
                return Expression(value);
            case InputKind.Choice:
                return value.ValueKind == JsonValueKind.String && input.Choices!.Contains(value.GetString()!)
                    ? null : Wrong($"one of {string.Join(", ", input.Choices!)}", value);
            case InputKind.ActivityRef:
                return value.ValueKind != JsonValueKind.String ? Wrong("an activity id", value)
                    : definition.FindActivity(value.GetString()!) is null ? new Problem("unknown-activity", $"no activity '{value.GetString()}'") : null;
            case InputKind.VariableRef:
                return value.ValueKind != JsonValueKind.String ? Wrong("a variable name", value)
                    : definition.Variables.Any(v => v.Name == value.GetString()) ? null
                    : new Problem("unknown-variable", $"variable '{value.GetString()}' is not declared in $.variables");
            case InputKind.ObjectVariableRef:
                if (Check(input with { Kind = InputKind.VariableRef }, value, definition) is { } unknown) return unknown;
                var target = definition.Variables.First(v => v.Name == value.GetString());
                return target.Type == VariableType.Json ? null
                    : new Problem("wrong-type", $"variable '{target.Name}' is {VariableTypes.Name(target.Type)}, but receives an object; declare it json");
            case InputKind.Outcomes:
                return Outcomes(value);
            case InputKind.Branches:
                return Branches(value);
            case InputKind.FormFields:
                return FormFields(value);
            default:
                return new Problem("unknown-input-kind", $"no rule for {input.Kind}");
        }
    }

    private static Problem? NonEmptyString(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length > 0 ? null : Wrong("non-empty text", value);

    private static Problem Wrong(string expected, JsonElement value) =>
        new("wrong-type", $"expected {expected}, found {DefinitionReader.Describe(value)}");

    private static Problem? VariableOf(string text, ProcedureDefinition definition, VariableType type)
    {
        if (ActivityContext.VariableRef(text) is not { } name) return new Problem("wrong-type", $"expected a {TypeName(type)} or $variable, found \"{text}\"");
        var variable = definition.Variables.FirstOrDefault(v => v.Name == name);
        if (variable is null) return new Problem("unknown-variable", $"variable '{name}' is not declared in $.variables");
        return variable.Type == type ? null : new Problem("wrong-type", $"variable '{name}' is {VariableTypes.Name(variable.Type)}, not {VariableTypes.Name(type)}");
    }

    private static string TypeName(VariableType type) => type == VariableType.Integer ? "whole number" : VariableTypes.Name(type);

    private static Problem? CheckDuration(InputKind kind, JsonElement value, ProcedureDefinition definition)
    {
        if (value.ValueKind != JsonValueKind.String) return Wrong("a duration such as 5wd", value);
        var text = value.GetString()!;
        if (ActivityContext.VariableRef(text) is not null) return VariableOf(text, definition, VariableType.Duration);
        if (Duration.TryParse(text, out var error) is not { } duration) return new Problem("invalid-duration", error!);
        return DurationFits(kind, duration) is { } misfit ? new Problem("invalid-duration", misfit) : null;
    }

    /// <summary>
    /// Null when a duration has the unit an input of this kind needs, else why not. The validator applies it to literals,
    /// the runner to values read from <c>$variable</c>s: a duration variable holding 2h never becomes 2 working days.
    /// </summary>
    public static string? DurationFits(InputKind kind, Duration duration) => kind switch
    {
        InputKind.WorkingDays when !duration.IsWorkingDays => $"'{duration}' must be in working days, e.g. 5wd",
        InputKind.Days when duration.Unit is not (DurationUnit.WorkingDays or DurationUnit.Days) =>
            $"'{duration}' must be working days or calendar days, e.g. 45wd or 60d",
        InputKind.CalendarPeriod when duration.Unit is not (DurationUnit.Years or DurationUnit.Months or DurationUnit.Days) =>
            $"'{duration}' must be calendar years, months or whole days, e.g. 5y, 6mo, 1825d",
        _ => null,
    };

    private static Problem? WorkingDaysList(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array) return Wrong("a list of working days such as [\"3wd\", \"1wd\"]", value);
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var at = $"[{i++}]";
            if (item.ValueKind != JsonValueKind.String) return new Problem("wrong-type", $"expected working days such as 3wd, found {DefinitionReader.Describe(item)}", at);
            if (Duration.TryParse(item.GetString(), out var error) is not { } duration) return new Problem("invalid-duration", error!, at);
            if (!duration.IsWorkingDays) return new Problem("invalid-duration", $"'{item.GetString()}' must be in working days, e.g. 3wd", at);
        }
        return null;
    }

    private static Problem? Expression(JsonElement value)
    {
        if (NonEmptyString(value) is { } problem) return problem;
        if (ExpressionEvaluator.SyntaxError(value.GetString()!) is { } error) return new Problem("expression-syntax", error);
        return ExpressionEvaluator.NondeterminismError(value.GetString()!) is { } random ? new Problem("nondeterministic", random) : null;
    }

    private static Problem? Outcomes(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0) return Wrong("a non-empty list of outcome names", value);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !ProcedureValidator.IsSlug(item.GetString()!))
                return new Problem("wrong-type", $"expected an outcome slug such as approve, found {DefinitionReader.Describe(item)}", $"[{i}]");
            if (!seen.Add(item.GetString()!)) return new Problem("duplicate-outcome", $"outcome '{item.GetString()}' is listed twice", $"[{i}]");
            i++;
        }
        return null;
    }

    private static Problem? Branches(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0) return Wrong("a non-empty list of {port, condition}", value);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var at = $"[{i++}]";
            if (item.ValueKind != JsonValueKind.Object) return new Problem("wrong-type", $"expected {{port, condition}}, found {DefinitionReader.Describe(item)}", at);
            foreach (var p in item.EnumerateObject())
                if (p.Name is not ("port" or "condition")) return new Problem("unknown-field", $"unknown field '{p.Name}'; expected port, condition", $"{at}.{p.Name}");
            if (!item.TryGetProperty("port", out var port) || port.ValueKind != JsonValueKind.String || !ProcedureValidator.IsSlug(port.GetString()!))
                return new Problem("wrong-type", "port must be an outcome slug", $"{at}.port");
            if (port.GetString() == "otherwise") return new Problem("duplicate-outcome", "'otherwise' is the default port; name the branch differently", $"{at}.port");
            if (!seen.Add(port.GetString()!)) return new Problem("duplicate-outcome", $"port '{port.GetString()}' is listed twice", $"{at}.port");
            if (!item.TryGetProperty("condition", out var condition)) return new Problem("missing-field", "condition is required", $"{at}.condition");
            if (Expression(condition) is { } problem) return problem with { Path = $"{at}.condition" };
        }
        return null;
    }

    private static readonly string[] FieldKeys = ["name", "label", "type", "required", "choices", "requiredFor"];

    // Every field property is checked for every field type: the runner reads the form as it is, and a property the
    // validator let through (choices on a text field) faulted the instance at Start.
    private static Problem? FormFields(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array) return Wrong("a list of form fields", value);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var at = $"[{i++}]";
            if (item.ValueKind != JsonValueKind.Object) return new Problem("wrong-type", $"expected a form field object, found {DefinitionReader.Describe(item)}", at);
            foreach (var p in item.EnumerateObject())
                if (Array.IndexOf(FieldKeys, p.Name) < 0) return new Problem("unknown-field", $"unknown field '{p.Name}'; expected {string.Join(", ", FieldKeys)}", $"{at}.{p.Name}");
            if (!item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString()!.Length == 0)
                return new Problem("missing-field", "name is required", $"{at}.name");
            if (!ProcedureValidator.IsIdentifier(name.GetString()!))
                return new Problem("wrong-type", $"'{Quoted.Of(name.GetString()!)}' is not a field name (letters, digits, _; at most {ProcedureValidator.MaxNameLength} characters)", $"{at}.name");
            if (!seen.Add(name.GetString()!)) return new Problem("duplicate-field", $"field '{name.GetString()}' is listed twice", $"{at}.name");
            if (!item.TryGetProperty("label", out var label) || label.ValueKind != JsonValueKind.String)
                return new Problem("missing-field", "label is required", $"{at}.label");
            if (!item.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || !FormData.FieldTypes.Contains(type.GetString()!))
                return new Problem("wrong-type", $"type must be one of {string.Join(", ", FormData.FieldTypes)}", $"{at}.type");
            if (item.TryGetProperty("required", out var required) && required.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                return new Problem("wrong-type", "required must be true or false", $"{at}.required");
            if (item.TryGetProperty("requiredFor", out var requiredFor)
                && (requiredFor.ValueKind != JsonValueKind.Array || requiredFor.GetArrayLength() == 0
                    || requiredFor.EnumerateArray().Any(o => o.ValueKind != JsonValueKind.String || o.GetString()!.Length == 0)))
                return new Problem("wrong-type", "requiredFor must be a non-empty list of the task's outcomes", $"{at}.requiredFor");
            var hasChoices = item.TryGetProperty("choices", out var choices);
            if (type.GetString() != "choice")
            {
                if (hasChoices) return new Problem("unknown-field", $"choices apply only to choice fields, not to a {type.GetString()} field", $"{at}.choices");
                continue;
            }
            if (!hasChoices || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0
                || choices.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String || c.GetString()!.Trim().Length == 0))
                return new Problem("missing-field", "a choice field needs a non-empty list of text choices", $"{at}.choices");
            var distinct = new HashSet<string>(StringComparer.Ordinal);
            if (choices.EnumerateArray().FirstOrDefault(c => !distinct.Add(c.GetString()!)) is { ValueKind: JsonValueKind.String } twice)
                return new Problem("duplicate-choice", $"choice '{twice.GetString()}' is listed twice", $"{at}.choices");
        }
        return null;
    }
}
