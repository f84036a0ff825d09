using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Validation;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Definitions;

/// <summary>Publishes a draft (validated, in one transaction, immutable afterwards) or retires a published version.</summary>
public sealed class PublishProcedure(CasesDbFactory factory, TimeProvider time)
{
    public async Task PublishAsync(string definitionId, int version, string actor, CancellationToken cancellationToken = default)
    {
        Identity.Require(actor, "actor");
        await using var db = factory.CreateDbContext();
        var row = await Find(db, definitionId, version, cancellationToken);
        if (row.Status != ProcedureVersionStatus.Draft)
            throw new CasesException("not-a-draft", $"{definitionId} v{version} is already {row.Status.ToString().ToLowerInvariant()}");
        var errors = ProcedureValidator.Validate(row.Json, $"{definitionId} v{version}");
        if (errors.Count > 0)
            throw new CasesException("invalid-definition", string.Join(Environment.NewLine, errors));
        await CallCycleCheck.EnsureNoneAsync(db, [(DefinitionReader.Read(row.Json, $"{definitionId} v{version}"), $"{definitionId} v{version}")], cancellationToken);
        row.Status = ProcedureVersionStatus.Published;
        row.PublishedBy = actor;
        row.PublishedAt = time.GetUtcNow().UtcDateTime;
        row.RowVersion++;
        await Save(db, definitionId, version, cancellationToken);
    }

    public async Task RetireAsync(string definitionId, int version, string actor, CancellationToken cancellationToken = default)
    {
        Identity.Require(actor, "actor");
        await using var db = factory.CreateDbContext();
        var row = await Find(db, definitionId, version, cancellationToken);
        if (row.Status != ProcedureVersionStatus.Published)
            throw new CasesException("not-published", $"{definitionId} v{version} is {row.Status.ToString().ToLowerInvariant()}, not published");
        row.Status = ProcedureVersionStatus.Retired;
        row.RetiredBy = actor;
        row.RetiredAt = time.GetUtcNow().UtcDateTime;
        row.RowVersion++;
        await Save(db, definitionId, version, cancellationToken);
    }

    private static async Task<ProcedureVersion> Find(CasesDbContext db, string definitionId, int version, CancellationToken cancellationToken) =>
        await db.ProcedureVersions.SingleOrDefaultAsync(v => v.DefinitionId == definitionId && v.Version == version, cancellationToken)
        ?? throw new CasesException("unknown-procedure", $"no {definitionId} v{version} in the store; import it first");

    private static async Task Save(CasesDbContext db, string definitionId, int version, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new CasesException("concurrent-change", $"{definitionId} v{version} was changed by someone else meanwhile; reload and retry");
        }
    }
}
