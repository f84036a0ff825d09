using CloudApproval.Cases.Tasks;
using MudBlazor;

namespace CloudApproval.Web.Components.Workspaces;

/// <summary>How a remaining number of working days looks: overdue red, near due (Workload.NearDueWorkingDays) amber, else green.</summary>
internal static class Urgency
{
    public static Color ColorOf(int? workingDaysLeft) => workingDaysLeft switch
    {
        null => Color.Default,
        < 0 => Color.Error,
        <= Workload.NearDueWorkingDays => Color.Warning,
        _ => Color.Success,
    };
}
