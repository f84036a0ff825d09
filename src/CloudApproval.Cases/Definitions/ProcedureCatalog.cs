using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Definitions;

/// <summary>Reads the definition store: versions, exports, and which version a new case starts on.</summary>
public sealed class ProcedureCatalog(CasesDbFactory factory)
{
    /// <summary>Every stored version, or those of one procedure, by id then version.</summary>
    public async Task<IReadOnlyList<ProcedureVersion>> ListAsync(string? definitionId = null, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        return await db.ProcedureVersions.AsNoTracking()
            .Where(v => definitionId == null || v.DefinitionId == definitionId)
            .OrderBy(v => v.DefinitionId).ThenBy(v => v.Version)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The stored text: byte-identical to the file it came from.</summary>
    public async Task<string> ExportAsync(string definitionId, int version, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        return await db.ProcedureVersions.AsNoTracking()
            .Where(v => v.DefinitionId == definitionId && v.Version == version)
            .Select(v => v.Json)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new CasesException("unknown-procedure", $"no {definitionId} v{version} in the store");
    }

    /// <summary>The version a new case starts on: the named one if published, else the highest published version.</summary>
    public static async Task<int> VersionForNewCaseAsync(CasesDbContext db, string definitionId, int? version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var published = db.ProcedureVersions.AsNoTracking()
            .Where(v => v.DefinitionId == definitionId && v.Status == ProcedureVersionStatus.Published);
        if (version is { } named)
        {
            if (await published.AnyAsync(v => v.Version == named, cancellationToken)) return named;
            var status = await db.ProcedureVersions.AsNoTracking()
                .Where(v => v.DefinitionId == definitionId && v.Version == named)
                .Select(v => (ProcedureVersionStatus?)v.Status)
                .SingleOrDefaultAsync(cancellationToken);
            throw status is null
                ? new CasesException("unknown-version", $"no {definitionId} v{named} in the store")
                : new CasesException("version-not-published", $"{definitionId} v{named} is {status.Value.ToString().ToLowerInvariant()}: only published versions start cases");
        }
        var latest = await published.MaxAsync(v => (int?)v.Version, cancellationToken);
        if (latest is not null) return latest.Value;
        // Nothing published: a procedure that does not exist is not found; one that is only drafted or retired is in the way.
        throw await db.ProcedureVersions.AnyAsync(v => v.DefinitionId == definitionId, cancellationToken)
            ? new CasesException("version-not-published", $"no published version of '{definitionId}'")
            : new CasesException("unknown-procedure", $"no procedure '{definitionId}'");
    }
}
