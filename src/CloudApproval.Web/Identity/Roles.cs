using CloudApproval.Cases;

namespace CloudApproval.Web.Identity;

/// <summary>The product's roles (defined in Cases, where they are checked). Task roles named by procedures are duties.</summary>
public static class Roles
{
    public const string Admin = ActorRoles.Admin;
    public const string Analyst = ActorRoles.Analyst;
    public const string Clerk = ActorRoles.Clerk;
    public const string DepartmentHead = ActorRoles.DepartmentHead;
    public const string Auditor = ActorRoles.Auditor;
    public const string Applicant = ActorRoles.Applicant;

    public static IReadOnlyList<string> All => ActorRoles.OfUsers;
}

/// <summary>Claims beside the roles.</summary>
public static class AppClaims
{
    /// <summary>A department the user works in (several allowed); scopes what clerks and heads see.</summary>
    public const string Department = "department";

    /// <summary>A task role named by procedures (intake-clerk, reviewer, surveyor ...) the user may take tasks of.</summary>
    public const string Duty = "duty";

    /// <summary>The display name.</summary>
    public const string DisplayName = "display_name";
}
