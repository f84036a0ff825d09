using CloudApproval.Cases.Access;
using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Collaboration;

/// <summary>The assistance requested on a case, newest first, for whoever may read the case (not its applicant: assistance is between departments).</summary>
public sealed class AssistanceRequests(CasesDbFactory factory, AssistanceCatalog catalog)
{
    public async Task<IReadOnlyList<AssistanceRequestView>> ListAsync(string caseId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = factory.CreateDbContext();
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == caseId, cancellationToken) ?? throw CaseAccess.UnknownCase(caseId);
        await CaseAccess.RequireReadableAsync(db, c, actor, cancellationToken);
        if (!CaseAccess.IsStaff(actor) && !CaseAccess.ReadsAll(actor)) return [];
        return await ListInAsync(db, c.RootCaseId, catalog, cancellationToken);
    }

    /// <summary>The requests of a root case (the case file reads them with the rest of the case).</summary>
    internal static async Task<IReadOnlyList<AssistanceRequestView>> ListInAsync(CasesDbContext db, string rootCaseId, AssistanceCatalog catalog, CancellationToken ct)
    {
        var rows = await db.AssistanceRequests.AsNoTracking().Where(r => r.CaseId == rootCaseId).ToListAsync(ct);
        var items = catalog.All.ToDictionary(i => i.Code, StringComparer.Ordinal);
        return [.. rows.OrderByDescending(r => r.RequestedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => AssistanceRequestView.Of(r, items.GetValueOrDefault(r.ItemCode)))];
    }
}

/// <summary>
/// A request as the requesting department reads it: the item, whom it asked and when, where it stands, the reasons of a
/// decline, and the result with its provenance (who gave it, when, the file's SHA-256).
/// </summary>
public sealed record AssistanceRequestView(
    string Id,
    string CaseId,
    string Item,
    string? ItemName,
    string RequestingDepartment,
    string AssistingDepartment,
    string Question,
    int TimeLimitWorkingDays,
    AssistanceStatus Status,
    string RequestedBy,
    DateTime RequestedAt,
    string? AssistanceCaseId,
    string? AnsweredBy,
    DateTime? AnsweredAt,
    string? DeclineReasons,
    string? Result,
    string? ResultSha256,
    string? ProvidedBy,
    DateTime? ProvidedAt)
{
    internal static AssistanceRequestView Of(AssistanceRequest r, AssistanceItem? item) => new(
        r.Id, r.CaseId, r.ItemCode, item is null ? null : $"{item.Name.Zh} {item.Name.En}", r.RequestingDepartment, r.AssistingDepartment, r.Question,
        r.TimeLimitWorkingDays, r.Status, r.RequestedBy, r.RequestedAt, r.AssistanceCaseId, r.AnsweredBy, r.AnsweredAt, r.DeclineReasons,
        r.Result, r.ResultSha256, r.ProvidedBy, r.ProvidedAt);
}
