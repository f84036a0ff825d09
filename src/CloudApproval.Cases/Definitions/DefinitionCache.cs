using System.Collections.Concurrent;
using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Definitions;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Definitions;

/// <summary>
/// Parsed definitions by (id, version). Only published or retired versions are cached: they are immutable, so the
/// cache never goes stale, and the hot path parses each definition once per process. Each load checks the text against
/// the content hash recorded at import.
/// </summary>
public sealed class DefinitionCache(CasesDbFactory factory)
{
    private readonly ConcurrentDictionary<(string, int), ProcedureDefinition> _cache = new();

    public async Task<ProcedureDefinition> GetAsync(string definitionId, int version, CancellationToken cancellationToken = default)
    {
        if (_cache.TryGetValue((definitionId, version), out var cached)) return cached;
        await using var db = factory.CreateDbContext();
        var row = await db.ProcedureVersions.AsNoTracking()
            .SingleOrDefaultAsync(v => v.DefinitionId == definitionId && v.Version == version, cancellationToken)
            ?? throw new CasesException("unknown-procedure", $"procedure {definitionId} v{version} is not in the store");
        // The stored text must still be what was imported: a definition edited in the database is refused, never run.
        if (ContentHash.Mismatch(row) is { } altered) throw new CasesException(CasesException.DefinitionAltered, altered + "; nothing was done");
        var definition = DefinitionReader.Read(row.Json, $"{definitionId} v{version}");
        if (row.Status != ProcedureVersionStatus.Draft) _cache[(definitionId, version)] = definition;
        return definition;
    }
}
