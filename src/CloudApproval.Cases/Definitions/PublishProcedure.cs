using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Validation;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Definitions;

/// <summary>
/// Publishes a draft (validated, in one transaction, immutable afterwards) or retires a published version. Only an
/// analyst (or the operator) may: what a published procedure says decides how every new case runs.
/// </summary>
public sealed class PublishProcedure(CasesDbFactory factory, TimeProvider time)
{
    public async Task PublishAsync(string definitionId, int version, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("publish procedures", ActorRoles.Analyst);
        await using var db = factory.CreateDbContext();
        var row = await Find(db, definitionId, version, cancellationToken);
        await PublishAsync(db, row, actor, cancellationToken);
    }

    /// <summary>Publishes the procedure's draft (its highest version, when that is a draft); returns its version.</summary>
    public async Task<int> PublishDraftAsync(string definitionId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("publish procedures", ActorRoles.Analyst);
        await using var db = factory.CreateDbContext();
        var highest = await db.ProcedureVersions
            .Where(v => v.DefinitionId == definitionId)
            .OrderByDescending(v => v.Version)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new CasesException("unknown-procedure", $"no procedure '{definitionId}' in the store");
        if (highest.Status != ProcedureVersionStatus.Draft)
            throw new CasesException("unknown-draft", $"{definitionId} has no draft: its latest version, v{highest.Version}, is {Status(highest)}");
        await PublishAsync(db, highest, actor, cancellationToken);
        return highest.Version;
    }

    private async Task PublishAsync(CasesDbContext db, ProcedureVersion row, Actor actor, CancellationToken cancellationToken)
    {
        var label = $"{row.DefinitionId} v{row.Version}";
        if (row.Status != ProcedureVersionStatus.Draft)
            throw new CasesException("not-a-draft", $"{label} is already {Status(row)}");
        var errors = ProcedureValidator.Validate(row.Json, label);
        if (errors.Count > 0)
            throw new CasesException("invalid-definition", $"{label} cannot be published until every error is fixed:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        await CallCycleCheck.EnsureNoneAsync(db, [(DefinitionReader.Read(row.Json, label), label)], cancellationToken);
        row.Status = ProcedureVersionStatus.Published;
        row.PublishedBy = actor.Recorded;
        row.PublishedAt = time.GetUtcNow().UtcDateTime;
        row.RowVersion++;
        await Save(db, label, cancellationToken);
    }

    public async Task RetireAsync(string definitionId, int version, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("retire procedures", ActorRoles.Analyst);
        await using var db = factory.CreateDbContext();
        var row = await Find(db, definitionId, version, cancellationToken);
        if (row.Status != ProcedureVersionStatus.Published)
            throw new CasesException("not-published", $"{definitionId} v{version} is {Status(row)}, not published");
        row.Status = ProcedureVersionStatus.Retired;
        row.RetiredBy = actor.Recorded;
        row.RetiredAt = time.GetUtcNow().UtcDateTime;
        row.RowVersion++;
        await Save(db, $"{definitionId} v{version}", cancellationToken);
    }

    private static string Status(ProcedureVersion row) => row.Status.ToString().ToLowerInvariant();

    private static async Task<ProcedureVersion> Find(CasesDbContext db, string definitionId, int version, CancellationToken cancellationToken) =>
        await db.ProcedureVersions.SingleOrDefaultAsync(v => v.DefinitionId == definitionId && v.Version == version, cancellationToken)
        ?? throw new CasesException("unknown-procedure", $"no {definitionId} v{version} in the store; import it first");

    private static async Task Save(CasesDbContext db, string label, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new CasesException("concurrent-change", $"{label} was changed by someone else meanwhile; reload and retry");
        }
    }
}
