using System.Globalization;
using CloudApproval.Cases.Matters;

namespace CloudApproval.Web.Components.Workspaces;

/// <summary>A matter's name in the page's language.</summary>
internal static class MatterNames
{
    public static string? Of(MatterName? name) => name is null
        ? null
        : CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal) ? name.En : name.Zh;
}
