using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Authorization;

namespace CloudApproval.Web.Hosting;

/// <summary>
/// Who may call what. Every endpoint names one of these (or <c>AllowAnonymous</c>); the authorization-matrix test
/// holds the expected table, so an endpoint added without a decision fails it.
/// </summary>
public static class Policies
{
    /// <summary>Anyone signed in.</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>People who work cases or watch them: clerks, heads, analysts, auditors, admins.</summary>
    public const string Staff = nameof(Staff);

    /// <summary>Analysts design and publish procedures; admins may too.</summary>
    public const string Designers = nameof(Designers);

    /// <summary>Auditors and admins.</summary>
    public const string Auditors = nameof(Auditors);

    /// <summary>Who acts on cases: applicants (theirs), clerks and heads (their departments'). Start cases, send events.</summary>
    public const string Casework = nameof(Casework);

    /// <summary>Who reads cases: applicants (theirs), clerks and heads (their departments'), auditors and admins (all).</summary>
    public const string CaseReaders = nameof(CaseReaders);

    /// <summary>Officials who see tasks and audit chains: clerks and heads (their departments'), auditors and admins.</summary>
    public const string Officials = nameof(Officials);

    /// <summary>Who takes tasks: clerks and department heads.</summary>
    public const string Caseworkers = nameof(Caseworkers);

    /// <summary>Department heads (assign tasks).</summary>
    public const string Heads = nameof(Heads);

    /// <summary>Who governs a department's licences (revocation, extension notices): its head, or an admin.</summary>
    public const string LicenceAuthorities = nameof(LicenceAuthorities);

    /// <summary>Who reads the efficiency dashboard: department heads (their departments'), auditors and admins (all).</summary>
    public const string EfficiencyReaders = nameof(EfficiencyReaders);

    /// <summary>Applicants only (their own profile).</summary>
    public const string Applicants = nameof(Applicants);

    /// <summary>Admins only (Hangfire dashboard).</summary>
    public const string Admins = nameof(Admins);

    public static AuthorizationBuilder AddCloudApprovalPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddPolicy(SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(Staff, p => p.RequireRole(Roles.Clerk, Roles.DepartmentHead, Roles.Analyst, Roles.Auditor, Roles.Admin))
            .AddPolicy(Designers, p => p.RequireRole(Roles.Analyst, Roles.Admin))
            .AddPolicy(Auditors, p => p.RequireRole(Roles.Auditor, Roles.Admin))
            .AddPolicy(Casework, p => p.RequireRole(Roles.Applicant, Roles.Clerk, Roles.DepartmentHead))
            .AddPolicy(CaseReaders, p => p.RequireRole(Roles.Applicant, Roles.Clerk, Roles.DepartmentHead, Roles.Auditor, Roles.Admin))
            .AddPolicy(Officials, p => p.RequireRole(Roles.Clerk, Roles.DepartmentHead, Roles.Auditor, Roles.Admin))
            .AddPolicy(Caseworkers, p => p.RequireRole(Roles.Clerk, Roles.DepartmentHead))
            .AddPolicy(Heads, p => p.RequireRole(Roles.DepartmentHead))
            .AddPolicy(LicenceAuthorities, p => p.RequireRole(Roles.DepartmentHead, Roles.Admin))
            .AddPolicy(EfficiencyReaders, p => p.RequireRole(Roles.DepartmentHead, Roles.Auditor, Roles.Admin))
            .AddPolicy(Applicants, p => p.RequireRole(Roles.Applicant))
            .AddPolicy(Admins, p => p.RequireRole(Roles.Admin));
    }
}
