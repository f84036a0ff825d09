using CloudApproval.Cases.Access;
using CloudApproval.Cases.Blobs;
using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Applications;

/// <summary>
/// The materials of a case applied for online, for whoever may read the case (its applicant, the staff of its
/// departments, auditors, admins; a department asked for its opinion only the materials shared with it): every version handed in, the current one and those a correction replaced, each file
/// to download. A file uploaded for an open correction but not yet handed in is the applicant's draft and is not shown.
/// </summary>
public sealed class CaseMaterials(CasesDbFactory factory, IBlobStore blobs)
{
    /// <summary>By material code, newest version first; empty for a case not applied for online.</summary>
    public async Task<IReadOnlyList<HandedInMaterial>> ListAsync(string caseId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        var (applicationId, shared) = await ApplicationOfAsync(db, caseId, actor, cancellationToken);
        if (applicationId is null) return [];
        var rows = await db.ApplicationMaterials.AsNoTracking().Where(m => m.ApplicationId == applicationId && !m.Pending)
            .ToListAsync(cancellationToken);
        return [.. rows.Where(m => shared is null || shared.Contains(m.MaterialCode)).OrderBy(m => m.MaterialCode, StringComparer.Ordinal).ThenByDescending(m => m.Version)
            .Select(m => new HandedInMaterial(m.MaterialCode, m.FileName, m.FileType, m.ContentType, m.Size, m.Sha256, m.UploadedAt, m.Version, m.SupersededAt is null))];
    }

    /// <summary>One version of a material's file (default: the current one).</summary>
    public async Task<MaterialFile> OpenAsync(string caseId, string materialCode, int? version, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        var (applicationId, shared) = await ApplicationOfAsync(db, caseId, actor, cancellationToken);
        // A material not shared with a department asked for its opinion is as unknown to it as a missing one.
        var material = applicationId is null || (shared is not null && !shared.Contains(materialCode))
            ? null
            : await db.ApplicationMaterials.AsNoTracking()
                .Where(m => m.ApplicationId == applicationId && m.MaterialCode == materialCode && !m.Pending
                    && (version == null ? m.SupersededAt == null : m.Version == version))
                .FirstOrDefaultAsync(cancellationToken);
        if (material is null)
            throw new CasesException("unknown-material", $"case {caseId} has no file for material '{materialCode}'{(version is { } v ? $" version {v}" : "")}");
        return new MaterialFile(blobs.OpenRead(material.Sha256), material.ContentType, material.FileName, material.Sha256, material.FileType);
    }

    /// <summary>
    /// The application of the case (null when it was not applied for online), checked readable by the actor (else
    /// unknown), with the material codes shared with the actor's department when it reads only a slice (else null).
    /// </summary>
    private static async Task<(string? ApplicationId, IReadOnlySet<string>? Shared)> ApplicationOfAsync(CasesDbContext db, string caseId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == caseId, ct) ?? throw CaseAccess.UnknownCase(caseId);
        var shared = await CaseAccess.RequireReadableOrSharedAsync(db, c, actor, ct);
        var root = c.RootCaseId;
        return (await db.Applications.AsNoTracking().Where(a => a.CaseId == root).Select(a => a.Id).SingleOrDefaultAsync(ct), shared);
    }
}

/// <summary>A material's file as handed in: which version, its type recognised from its content, size and SHA-256, and whether it is the current one.</summary>
public sealed record HandedInMaterial(string Code, string FileName, string FileType, string ContentType, long Size, string Sha256, DateTime UploadedAt,
    int Version, bool Current);
