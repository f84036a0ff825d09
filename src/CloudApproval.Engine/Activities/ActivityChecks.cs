using System.Text.Json;
using CloudApproval.Engine.Definitions;

namespace CloudApproval.Engine.Activities;

/// <summary>Checks shared by several activity types' <see cref="ActivityType.Check"/>.</summary>
internal static class ActivityChecks
{
    /// <summary>
    /// The input names another UserTask of the procedure (with the given role, if any). A missing input, a wrong type
    /// or an unknown id is left to the input's own rule, so each problem is reported once.
    /// </summary>
    public static InputProblem? OtherUserTask(ActivityDefinition activity, ProcedureDefinition definition, string input, string? role = null)
    {
        if (activity.Text(input) is not { } id || definition.FindActivity(id) is not { } target) return null;
        if (target.Type != "UserTask") return new(input, "wrong-activity", $"'{id}' is a {target.Type}, not a UserTask");
        if (target.Id == activity.Id) return new(input, "wrong-activity", $"'{id}' is this activity itself");
        if (role is not null && target.Text("role") != role)
            return new(input, "wrong-role", $"task '{id}' is for the role '{target.Text("role")}', not '{role}'");
        return null;
    }

    /// <summary>Form fields whose <c>requiredFor</c> names an outcome the task does not have (a typo would silently never require it).</summary>
    public static IEnumerable<InputProblem> RequiredForUnknownOutcomes(ActivityDefinition activity, IReadOnlyCollection<string> outcomes)
    {
        if (activity.Input("form") is not { ValueKind: JsonValueKind.Array } form) yield break;
        var i = 0;
        foreach (var field in form.EnumerateArray())
        {
            var at = i++;
            if (field.ValueKind != JsonValueKind.Object || !field.TryGetProperty("requiredFor", out var requiredFor) || requiredFor.ValueKind != JsonValueKind.Array) continue;
            foreach (var outcome in requiredFor.EnumerateArray().Where(o => o.ValueKind == JsonValueKind.String).Select(o => o.GetString()!))
                if (!outcomes.Contains(outcome))
                    yield return new("form", "unknown-outcome",
                        $"form[{at}].requiredFor: '{Quoted.Of(outcome)}' is not one of the task's outcomes ({string.Join(", ", outcomes)})");
        }
    }

    /// <summary>The input's working days when written as a literal (<c>10wd</c>); null for a variable or anything else.</summary>
    public static int? LiteralWorkingDays(ActivityDefinition activity, string input) =>
        Duration.TryParse(activity.Text(input), out _) is { IsWorkingDays: true } duration ? duration.Amount : null;
}
