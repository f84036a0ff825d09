using MudBlazor;

namespace CloudApproval.Web.Components.Workspaces;

/// <summary>How a remaining number of working days looks: overdue red, due within two working days amber, else green.</summary>
internal static class Urgency
{
    public const int NearDueWorkingDays = 2;

    public static Color ColorOf(int? workingDaysLeft) => workingDaysLeft switch
    {
        null => Color.Default,
        < 0 => Color.Error,
        <= NearDueWorkingDays => Color.Warning,
        _ => Color.Success,
    };
}
