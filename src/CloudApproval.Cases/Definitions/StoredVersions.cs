using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Definitions;

namespace CloudApproval.Cases.Definitions;

/// <summary>
/// Stores one definition as a version row: its canonical text and that text's content hash; a draft is replaced in
/// place, a published or retired version is never changed. Import and the designer's save both come through here, so a
/// definition is stored by the same rules whichever way it arrives.
/// </summary>
internal static class StoredVersions
{
    /// <summary>
    /// Adds <paramref name="definition"/> as a new row (<paramref name="existing"/> null) or changes the existing row of
    /// the same id and version when it is a draft. Nothing is saved: the caller saves, in one transaction with the rest.
    /// </summary>
    public static StoreResult Put(CasesDbContext db, ProcedureVersion? existing, ProcedureDefinition definition, string actor, bool publish, DateTime now)
    {
        // The canonical form, not the text as sent: files, exports and hashes then agree byte for byte.
        var canonical = DefinitionWriter.Write(definition);
        var hash = ContentHash.Of(canonical);
        if (existing is null)
        {
            db.ProcedureVersions.Add(new ProcedureVersion
            {
                DefinitionId = definition.DefinitionId,
                Version = definition.Version,
                Name = definition.Name,
                Json = canonical,
                ContentHash = hash,
                Status = publish ? ProcedureVersionStatus.Published : ProcedureVersionStatus.Draft,
                CreatedBy = actor,
                CreatedAt = now,
                PublishedBy = publish ? actor : null,
                PublishedAt = publish ? now : null,
            });
            return new StoreResult(StoreOutcome.Added, hash);
        }
        if (existing.ContentHash == hash) return new StoreResult(StoreOutcome.Unchanged, hash);
        if (existing.Status != ProcedureVersionStatus.Draft) return new StoreResult(StoreOutcome.Immutable, hash);
        existing.Json = canonical;
        existing.ContentHash = hash;
        existing.Name = definition.Name;
        // The concurrency token: of two writers that read the same draft, the second to save is refused.
        existing.RowVersion++;
        return new StoreResult(StoreOutcome.Updated, hash);
    }
}

/// <summary>What <see cref="StoredVersions.Put"/> did, and the hash of the canonical text.</summary>
internal sealed record StoreResult(StoreOutcome Outcome, string ContentHash);

internal enum StoreOutcome
{
    Added,
    Updated,
    Unchanged,
    /// <summary>The row is published or retired and the definition differs from it: nothing was changed.</summary>
    Immutable,
}
