using System.Text.Json.Nodes;
using CloudApproval.Web.Identity;

namespace CloudApproval.Web.Tests.Support;

/// <summary>Which demo users may take a task, read from the demo organisation itself rather than restated here.</summary>
internal static class DemoStaff
{
    /// <summary>
    /// The clerks and heads of the task's department whose duties include its task role, in the organisation's order.
    /// </summary>
    public static IReadOnlyList<string> FittingTask(JsonNode task)
    {
        var role = (string)task["role"]!;
        var department = (string)task["department"]!;
        return DemoOrganisation.Users
            .Where(u => u.Role is Roles.Clerk or Roles.DepartmentHead && u.Departments.Contains(department) && u.Duties.Contains(role))
            .Select(u => u.UserName)
            .ToList();
    }
}
