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

    /// <summary>The input's working days when written as a literal (<c>10wd</c>); null for a variable or anything else.</summary>
    public static int? LiteralWorkingDays(ActivityDefinition activity, string input) =>
        Duration.TryParse(activity.Text(input), out _) is { IsWorkingDays: true } duration ? duration.Amount : null;
}
