using Microsoft.AspNetCore.Identity;

namespace CloudApproval.Web.Identity;

/// <summary>A person who signs in: staff, an auditor, or an applicant.</summary>
public sealed class AppUser : IdentityUser
{
    /// <summary>The name shown in the pages and recorded beside the user id in audit trails.</summary>
    public string DisplayName { get; set; } = "";
}
