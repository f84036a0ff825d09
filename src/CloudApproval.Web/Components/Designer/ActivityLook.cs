using MudBlazor;

namespace CloudApproval.Web.Components.Designer;

/// <summary>
/// How an activity type looks on the canvas and in the toolbox: its category's colour and an icon. Looks only: a type
/// this does not know still gets its category's icon, or a generic one, and everything else from its descriptor.
/// </summary>
public static class ActivityLook
{
    private static readonly Dictionary<string, string> Colours = new(StringComparer.Ordinal)
    {
        ["Flow"] = "#546e7a",
        ["Tasks"] = "#1e88e5",
        ["Legal clock"] = "#8e24aa",
        ["Approval"] = "#2e7d32",
        ["Collaboration"] = "#ef6c00",
    };

    private static readonly Dictionary<string, string> Icons = new(StringComparer.Ordinal)
    {
        ["Start"] = MudBlazor.Icons.Material.Filled.PlayCircle,
        ["End"] = MudBlazor.Icons.Material.Filled.StopCircle,
        ["UserTask"] = MudBlazor.Icons.Material.Filled.Person,
        ["Decision"] = MudBlazor.Icons.Material.Filled.CallSplit,
        ["Fork"] = MudBlazor.Icons.Material.Filled.ForkRight,
        ["Join"] = MudBlazor.Icons.Material.Filled.MergeType,
        ["ForEachParallel"] = MudBlazor.Icons.Material.Filled.ViewWeek,
        ["Timer"] = MudBlazor.Icons.Material.Filled.Timer,
        ["WaitForEvent"] = MudBlazor.Icons.Material.Filled.HourglassEmpty,
        ["SendNotice"] = MudBlazor.Icons.Material.Filled.Mail,
        ["SetVariable"] = MudBlazor.Icons.Material.Filled.DataObject,
        ["CallProcedure"] = MudBlazor.Icons.Material.Filled.AccountTree,
        ["Milestone"] = MudBlazor.Icons.Material.Filled.Flag,
    };

    private static readonly Dictionary<string, string> CategoryIcons = new(StringComparer.Ordinal)
    {
        ["Legal clock"] = MudBlazor.Icons.Material.Filled.Gavel,
        ["Approval"] = MudBlazor.Icons.Material.Filled.Verified,
        ["Collaboration"] = MudBlazor.Icons.Material.Filled.Groups,
    };

    public static string Colour(string? category) => category is not null && Colours.TryGetValue(category, out var c) ? c : "#757575";

    public static string Icon(string type, string? category) =>
        Icons.TryGetValue(type, out var icon) ? icon
        : category is not null && CategoryIcons.TryGetValue(category, out var byCategory) ? byCategory
        : MudBlazor.Icons.Material.Filled.Widgets;
}
