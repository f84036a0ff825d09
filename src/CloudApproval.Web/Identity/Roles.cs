namespace CloudApproval.Web.Identity;

/// <summary>The product's roles. Task roles named by procedures (intake-clerk, reviewer ...) are duties, not these.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Analyst = "Analyst";
    public const string Clerk = "Clerk";
    public const string DepartmentHead = "DepartmentHead";
    public const string Auditor = "Auditor";
    public const string Applicant = "Applicant";

    public static IReadOnlyList<string> All { get; } = [Admin, Analyst, Clerk, DepartmentHead, Auditor, Applicant];
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
