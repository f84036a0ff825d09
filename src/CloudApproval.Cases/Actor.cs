namespace CloudApproval.Cases;

/// <summary>
/// Who acts: a signed-in user (roles, departments, the task roles they may take), the command line's operator, or the
/// system itself (a timer). Every use case takes one and checks it there, so the API, the pages and the command line
/// cannot disagree on who may do what.
/// </summary>
public sealed class Actor
{
    private const string OperatorPrefix = "operator:";
    private const string SystemPrefix = "system:";

    /// <param name="id">The user name, unique; recorded as assignee, completer, starter.</param>
    /// <param name="displayName">The name people read; the id when blank.</param>
    /// <param name="roles">Product roles (<see cref="ActorRoles"/>).</param>
    /// <param name="departments">Departments the user works in: scope what clerks and heads see and take.</param>
    /// <param name="duties">Task roles named by procedures (intake-clerk, reviewer ...) the user may take.</param>
    public Actor(string id, string? displayName, IEnumerable<string> roles, IEnumerable<string>? departments = null, IEnumerable<string>? duties = null)
    {
        Identity.Require(id, "actor");
        ArgumentNullException.ThrowIfNull(roles);
        Id = id;
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? id : displayName;
        Roles = roles.ToHashSet(StringComparer.Ordinal);
        Departments = (departments ?? []).ToHashSet(StringComparer.Ordinal);
        Duties = (duties ?? []).ToHashSet(StringComparer.Ordinal);
    }

    public string Id { get; }

    public string DisplayName { get; }

    public IReadOnlySet<string> Roles { get; }

    public IReadOnlySet<string> Departments { get; }

    public IReadOnlySet<string> Duties { get; }

    /// <summary>
    /// The command line's operator: someone with shell access to the database, whom no check can stop anyway. Allowed
    /// everything, and recorded as <c>operator:&lt;name&gt;</c> so the audit trail shows it was not a user of the product.
    /// </summary>
    public static Actor Operator(string name) => new(name, name, [ActorRoles.Operator]);

    /// <summary>The system itself (a timer firing, the start-up import): recorded as <c>system:&lt;what&gt;</c>.</summary>
    public static Actor System(string what) => new(SystemPrefix + what, "system", [ActorRoles.System]);

    public bool IsOperator => Roles.Contains(ActorRoles.Operator);

    /// <summary>The operator or the system: trusted, unchecked.</summary>
    public bool IsTrusted => IsOperator || Roles.Contains(ActorRoles.System);

    public bool Has(string role) => Roles.Contains(role);

    public bool InDepartment(string department) => Departments.Contains(department);

    /// <summary>The name written to the audit trail (who did it, and for the operator, that it was the operator).</summary>
    public string Recorded => IsOperator ? OperatorPrefix + Id : Id;

    /// <summary>Refuses with <c>forbidden</c> unless the actor is trusted or has one of <paramref name="roles"/>.</summary>
    public void RequireRole(string what, params string[] roles)
    {
        if (IsTrusted || roles.Any(Roles.Contains)) return;
        throw new CasesException("forbidden", $"{Id} may not {what}: only {string.Join(" or ", roles)} may");
    }

    public override string ToString() => Recorded;
}

/// <summary>The product's roles. Task roles named by procedures (intake-clerk, reviewer ...) are duties, not these.</summary>
public static class ActorRoles
{
    public const string Admin = "Admin";
    public const string Analyst = "Analyst";
    public const string Clerk = "Clerk";
    public const string DepartmentHead = "DepartmentHead";
    public const string Auditor = "Auditor";
    public const string Applicant = "Applicant";

    /// <summary>The command line's operator (never a role of a signed-in user).</summary>
    public const string Operator = "Operator";

    /// <summary>The system itself (never a role of a signed-in user).</summary>
    public const string System = "System";

    /// <summary>The roles users of the product can have.</summary>
    public static IReadOnlyList<string> OfUsers { get; } = [Admin, Analyst, Clerk, DepartmentHead, Auditor, Applicant];
}
