namespace CloudApproval.Web.Components.Designer;

/// <summary>What the property panel offers to pick from: the procedure's variables and activities, the organisation's task roles and departments.</summary>
public sealed record DesignerChoices(IReadOnlyList<string> Variables, IReadOnlyList<string> Activities, IReadOnlyList<string> Roles, IReadOnlyList<string> Departments)
{
    public static DesignerChoices None { get; } = new([], [], [], []);
}
