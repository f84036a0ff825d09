using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Matters;

/// <summary>
/// The public catalogue of matters (办事指南): what may be applied for, on which conditions. Anyone may read it, so it
/// takes no actor; every stored text is checked against its content hash before it is shown.
/// </summary>
public sealed class MatterCatalog(CasesDbFactory factory)
{
    /// <summary>Every matter, by department then code; optionally one department's.</summary>
    public async Task<IReadOnlyList<MatterSummary>> ListAsync(string? department = null, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        return await db.Matters.AsNoTracking()
            .Where(m => department == null || m.Department == department)
            .OrderBy(m => m.Department).ThenBy(m => m.Code)
            .Select(m => new MatterSummary(m.Code, new MatterName(m.NameZh, m.NameEn), m.Department, m.DefinitionId, m.ContentHash, m.ImportedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>One matter in full; <c>unknown-matter</c> (not found) when there is none.</summary>
    public async Task<Matter> GetAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        var row = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Code == code, cancellationToken)
            ?? throw new CasesException("unknown-matter", $"no matter '{code}' in the catalogue");
        // A matter sets limits and materials people rely on: a row edited behind the import's back is not served.
        var computed = ContentHash.Of(row.Json);
        if (computed != row.ContentHash)
            throw new CasesException(CasesException.DefinitionAltered, $"matter {row.Code} was altered in the store: stored hash {row.ContentHash}, computed {computed}");
        return MatterJson.Read(row.Json);
    }
}

/// <summary>A line of the catalogue.</summary>
public sealed record MatterSummary(string Code, MatterName Name, string Department, string Procedure, string ContentHash, DateTime ImportedAt);
