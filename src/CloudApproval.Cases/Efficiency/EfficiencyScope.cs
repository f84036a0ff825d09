using CloudApproval.Cases.Access;
using CloudApproval.Cases.Matters;

namespace CloudApproval.Cases.Efficiency;

/// <summary>
/// Who may read the efficiency figures, and of which matters: department heads their own departments' matters;
/// auditors and admins every matter. A filter naming an unknown department or matter is bad input (naming the query
/// parameter); one naming another department's is refused as forbidden, since departments and matters are public.
/// </summary>
internal static class EfficiencyScope
{
    public static void RequireReader(Actor actor) =>
        actor.RequireRole("read the efficiency figures", ActorRoles.DepartmentHead, ActorRoles.Auditor, ActorRoles.Admin);

    /// <summary>The matters the figures cover, by department then code: the catalogue narrowed by the filters and the actor's departments.</summary>
    public static async Task<IReadOnlyList<Matter>> MattersAsync(MatterCatalog catalog, string? department, string? matter, Actor actor, CancellationToken ct)
    {
        RequireReader(actor);
        var all = await catalog.ListAsync(cancellationToken: ct);
        var seesAll = CaseAccess.ReadsAll(actor);
        if (department is not null)
        {
            if (!all.Any(m => m.Department == department))
                throw new CasesException("invalid-input", $"department: no catalogued matter is handled by '{department}'");
            if (!seesAll && !actor.InDepartment(department))
                throw new CasesException("forbidden", $"department: {actor.Id} may read the figures of {Mine(actor)} only, not of {department}");
        }
        if (matter is not null)
        {
            var found = all.FirstOrDefault(m => m.Code == matter)
                ?? throw new CasesException("invalid-input", $"matter: no matter '{matter}' in the catalogue");
            if (department is not null && found.Department != department)
                throw new CasesException("invalid-input", $"matter: '{matter}' is handled by {found.Department}, not by {department}");
            if (!seesAll && !actor.InDepartment(found.Department))
                throw new CasesException("forbidden", $"matter: '{matter}' is handled by {found.Department}; {actor.Id} may read the figures of {Mine(actor)} only");
        }
        var chosen = all.Where(m => (department is null || m.Department == department) && (matter is null || m.Code == matter)
            && (seesAll || actor.InDepartment(m.Department))).ToList();
        var matters = new List<Matter>(chosen.Count);
        // The full entries carry the limits; the catalogue checks each against its content hash.
        foreach (var summary in chosen) matters.Add(await catalog.GetAsync(summary.Code, ct));
        return matters;
    }

    private static string Mine(Actor actor) => actor.Departments.Count == 0 ? "no department" : string.Join(", ", actor.Departments.Order(StringComparer.Ordinal));
}
