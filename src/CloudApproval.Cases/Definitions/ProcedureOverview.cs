using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Definitions;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Definitions;

/// <summary>
/// The catalogue as the designer sees it: every stored version with how many cases run on it (sub-procedures
/// included) and the last line of the changelog its metadata carries.
/// </summary>
public sealed class ProcedureOverview(CasesDbFactory factory, ProcedureCatalog catalog)
{
    /// <summary>Every stored version, or those of one procedure, by id then version.</summary>
    public async Task<IReadOnlyList<VersionOverview>> ListAsync(string? definitionId = null, CancellationToken cancellationToken = default)
    {
        var versions = await catalog.ListAsync(definitionId, cancellationToken);
        await using var db = factory.CreateDbContext();
        var counts = await db.Cases.AsNoTracking()
            .Where(c => definitionId == null || c.DefinitionId == definitionId)
            .GroupBy(c => new { c.DefinitionId, c.Version })
            .Select(g => new { g.Key.DefinitionId, g.Key.Version, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byVersion = counts.ToDictionary(c => (c.DefinitionId, c.Version), c => c.Count);
        return versions.Select(v => new VersionOverview(v, byVersion.GetValueOrDefault((v.DefinitionId, v.Version)), LastChangelogLine(v))).ToList();
    }

    /// <summary>A draft may not be readable yet (it is saved with its errors): then it has no changelog to show.</summary>
    private static string? LastChangelogLine(ProcedureVersion version) =>
        DefinitionReader.Read(version.Json, version.DefinitionId, []) is { } definition && definition.Metadata.Changelog.Count > 0
            ? definition.Metadata.Changelog[^1]
            : null;
}

/// <summary>One stored version, the number of cases started on it, and its latest changelog line (if any).</summary>
public sealed record VersionOverview(ProcedureVersion Version, int CaseCount, string? Changelog);
