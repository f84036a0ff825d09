using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Validation;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Definitions;

/// <summary>
/// Saves the designer's work on a procedure as its draft: the procedure's draft is replaced, or a new draft version is
/// added after the highest. Published and retired versions never change. Work in progress may still have validation
/// errors: it is saved, and the errors come back; publishing refuses it until they are fixed.
/// </summary>
public sealed class SaveDraft(CasesDbFactory factory, TimeProvider time)
{
    /// <summary>What <c>basedOn</c> says for a procedure that must not exist yet (a new one, or a copy).</summary>
    public const string NewProcedure = "new";

    /// <summary>Saves the text as the procedure's draft.</summary>
    /// <param name="definitionId">The procedure.</param>
    /// <param name="json">The definition.</param>
    /// <param name="actor">Who saves (an analyst).</param>
    /// <param name="basedOn">
    /// The content hash of the procedure's latest version the text was edited from (draft or not), or
    /// <see cref="NewProcedure"/>: when the latest version is another by then (someone saved or published meanwhile),
    /// nothing is saved and the refusal says so (<c>stale-draft</c>), rather than one analyst's work silently replacing
    /// another's. Null saves whatever the latest version is (an import).
    /// </param>
    /// <param name="cancellationToken">Cancels the save.</param>
    public async Task<DraftSaved> SaveAsync(string definitionId, string json, Actor actor, string? basedOn = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(json);
        actor.RequireRole("save a procedure draft", ActorRoles.Analyst);
        var label = $"{definitionId} draft";
        // Only a definition the reader can take is stored (the strict JSON reader; every field known and of its type):
        // the store never holds text it cannot read back. What it says is checked by the validator below.
        var structural = new List<DefinitionError>();
        var definition = DefinitionReader.Read(json, label, structural)
            ?? throw new CasesException("invalid-definition", "nothing was saved: " + Environment.NewLine + string.Join(Environment.NewLine, structural));
        if (definition.DefinitionId != definitionId)
            throw new CasesException("invalid-definition",
                $"{label}: $.definitionId: '{definition.DefinitionId}' is not the procedure saved to, '{definitionId}'; nothing was saved");
        // The id names a procedure for good (routes, files, calls): a draft may be unfinished, its id may not.
        if (!ProcedureValidator.IsSlug(definitionId))
            throw new CasesException("invalid-definition",
                $"{label}: $.definitionId: '{definitionId}' is not a lower-case slug such as deficiency-pending (at most {ProcedureValidator.MaxNameLength} characters); nothing was saved");

        await using var db = factory.CreateDbContext();
        var highest = await db.ProcedureVersions
            .Where(v => v.DefinitionId == definitionId)
            .OrderByDescending(v => v.Version)
            .FirstOrDefaultAsync(cancellationToken);
        if (basedOn is not null && basedOn != (highest?.ContentHash ?? NewProcedure))
            throw new CasesException("stale-draft", highest is null
                ? $"{definitionId} no longer exists in the store; save it as a new procedure"
                : basedOn == NewProcedure
                    ? $"a procedure '{definitionId}' exists already (v{highest.Version}, {highest.Status.ToString().ToLowerInvariant()}); choose another id or open it"
                    : $"{definitionId} v{highest.Version} ({highest.Status.ToString().ToLowerInvariant()}) was saved by {highest.PublishedBy ?? highest.CreatedBy} after you opened it; nothing was saved: reload it, or save your work as a copy");
        var draft = highest is { Status: ProcedureVersionStatus.Draft } ? highest : null;
        // The store, not the text, decides the version: the designer edits "the draft" and cannot know which number it
        // gets (someone may publish meanwhile), so the version field sent is replaced by the stored one. The stored text
        // then always says the version it is stored as, and exports byte-identical to workflows/<id>/v<N>.json.
        var version = draft?.Version ?? (highest?.Version ?? 0) + 1;
        var stored = definition with { Version = version };
        label = $"{definitionId} v{version} (draft)";
        var errors = ProcedureValidator.Validate(stored, label);
        // A call cycle is reported like any other error here (it is refused at publish): a draft is work in progress.
        if (errors.Count == 0) errors = await CallCycleCheck.FindAsync(db, [(stored, label)], cancellationToken);

        var result = StoredVersions.Put(db, draft, stored, actor.Recorded, publish: false, time.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (WriteConflicts.IsLostRace(ex))
        {
            // Two saves read the same draft (or both added the next version): the first one stands, this one is refused
            // rather than silently overwriting it.
            throw new CasesException("concurrent-change", $"{definitionId} v{version} was saved by someone else meanwhile; reload the draft and save again");
        }
        return new DraftSaved(definitionId, version, result.ContentHash, result.Outcome != StoreOutcome.Unchanged, errors);
    }
}

/// <summary>What was saved: the draft's version and content hash, whether the text changed, and what is still wrong.</summary>
public sealed record DraftSaved(string DefinitionId, int Version, string ContentHash, bool Changed, IReadOnlyList<DefinitionError> Errors)
{
    /// <summary>Whether the draft could be published as it is.</summary>
    public bool Valid => Errors.Count == 0;
}
