using System.Globalization;
using CloudApproval.Cases.Documents;

namespace CloudApproval.Web.Components.Portal;

/// <summary>A department's name as the applicant reads it, in the page's language (the organ's name, not its slug).</summary>
internal static class PortalNames
{
    public static string Department(string department) =>
        CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal) ? DepartmentNames.En(department) : DepartmentNames.Zh(department);
}
