using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Validation;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Definitions;

/// <summary>
/// Refuses a set of versions about to become callable (imported with publish, or published) when, together with the
/// published catalogue, some procedure would call itself: such a case starts sub-procedures without end.
/// </summary>
internal static class CallCycleCheck
{
    public static async Task EnsureNoneAsync(CasesDbContext db, IReadOnlyCollection<(ProcedureDefinition Definition, string File)> candidates, CancellationToken ct)
    {
        var catalogue = candidates.ToList();
        var published = await db.ProcedureVersions.AsNoTracking()
            .Where(v => v.Status == ProcedureVersionStatus.Published)
            .Select(v => new { v.DefinitionId, v.Version, v.Json })
            .ToListAsync(ct);
        foreach (var row in published.Where(r => !catalogue.Any(c => c.Definition.DefinitionId == r.DefinitionId && c.Definition.Version == r.Version)))
            catalogue.Add((DefinitionReader.Read(row.Json, $"{row.DefinitionId} v{row.Version}"), $"{row.DefinitionId} v{row.Version} (published)"));
        var errors = ProcedureCallGraph.FindCycles(catalogue);
        if (errors.Count > 0) throw new CasesException("call-cycle", string.Join(Environment.NewLine, errors));
    }
}
