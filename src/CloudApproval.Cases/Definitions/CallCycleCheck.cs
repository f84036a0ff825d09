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
    private const string CallProcedure = "CallProcedure";

    public static async Task EnsureNoneAsync(CasesDbContext db, IReadOnlyCollection<(ProcedureDefinition Definition, string File)> candidates, CancellationToken ct)
    {
        var errors = await FindAsync(db, candidates, ct);
        if (errors.Count > 0) throw new CasesException("call-cycle", string.Join(Environment.NewLine, errors));
    }

    /// <summary>Every call of the candidates that would lie on a cycle (none when nothing calls another procedure).</summary>
    public static async Task<IReadOnlyList<DefinitionError>> FindAsync(CasesDbContext db, IReadOnlyCollection<(ProcedureDefinition Definition, string File)> candidates, CancellationToken ct)
    {
        // A cycle that is new runs through a candidate's call, and only procedures that call others can lie on one:
        // an import without calls (every start of the web host) reads and parses nothing more.
        if (!candidates.Any(c => c.Definition.Activities.Any(a => a.Type == CallProcedure))) return [];
        var catalogue = candidates.ToList();
        var published = await db.ProcedureVersions.AsNoTracking()
            .Where(v => v.Status == ProcedureVersionStatus.Published && v.Json.Contains("\"" + CallProcedure + "\""))
            .Select(v => new { v.DefinitionId, v.Version, v.Json })
            .ToListAsync(ct);
        foreach (var row in published.Where(r => !catalogue.Any(c => c.Definition.DefinitionId == r.DefinitionId && c.Definition.Version == r.Version)))
            catalogue.Add((DefinitionReader.Read(row.Json, $"{row.DefinitionId} v{row.Version}"), $"{row.DefinitionId} v{row.Version} (published)"));
        return ProcedureCallGraph.FindCycles(catalogue);
    }
}
