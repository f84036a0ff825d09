using System.Globalization;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Documents;

/// <summary>A notice as its addressee sees it: what, for which case, when issued, served and read, and its document.</summary>
/// <param name="Id">The notice.</param>
/// <param name="NoticeType">acceptance, correction-request, decision ...</param>
/// <param name="Template">The document's template (its kind).</param>
/// <param name="CaseId">The case.</param>
/// <param name="CreatedAt">When the procedure sent it.</param>
/// <param name="IssuedAt">When its sealed document was issued (null: not yet).</param>
/// <param name="DeliveredAt">When it was served (electronic service: at issue).</param>
/// <param name="ReadAt">When the applicant first opened it.</param>
/// <param name="ServiceMethod">electronic, or offline (to be served on paper: no consent to electronic service for it).</param>
/// <param name="DocumentId">The document, once issued.</param>
/// <param name="SealId">The e-seal on the document.</param>
/// <param name="DocumentUrl">Where to download the document.</param>
/// <param name="Data">The notice's data (opened notices only).</param>
public sealed record MyNoticeView(
    long Id,
    string NoticeType,
    string Template,
    string CaseId,
    DateTime CreatedAt,
    DateTime? IssuedAt,
    DateTime? DeliveredAt,
    DateTime? ReadAt,
    string? ServiceMethod,
    string? DocumentId,
    string? SealId,
    string? DocumentUrl,
    JsonNode? Data);

/// <summary>
/// An applicant's notices (送达): the list, and opening one, which records the read receipt once (an audit entry
/// <c>notice-read</c> on the case's chain). Only notices addressed to the applicant of their own cases; any other is unknown.
/// </summary>
public sealed class MyNotices(CasesDbFactory factory, CaseRuntime runtime, TimeProvider time)
{
    public async Task<IReadOnlyList<MyNoticeView>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        RequireApplicant(actor);
        await using var db = factory.CreateDbContext();
        var rows = await Mine(db, actor.Id, null).Take(500).ToListAsync(cancellationToken);
        return [.. rows.Select(r => View(r.Notice, r.Document, withData: false))];
    }

    /// <summary>The notice, with its document; the first opening after the document is issued records the read time.</summary>
    public async Task<MyNoticeView> OpenAsync(long noticeId, Actor actor, CancellationToken cancellationToken = default)
    {
        RequireApplicant(actor);
        NoticeRow? row;
        await using (var db = factory.CreateDbContext())
        {
            row = await Mine(db, actor.Id, noticeId).SingleOrDefaultAsync(cancellationToken);
        }
        if (row is null) throw new CasesException("unknown-notice", $"no notice {noticeId}");
        // Read means read with its document in hand: before issue there is nothing to acknowledge.
        if (row.Document is null || row.Notice.ReadAt is not null) return View(row.Notice, row.Document, withData: true);
        var notice = await runtime.InTransactionAsync(actor, async (db, _, ct) =>
        {
            var n = await db.Notices.SingleAsync(x => x.Id == noticeId, ct);
            if (n.ReadAt is not null) return n;
            var c = await db.Cases.SingleAsync(x => x.Id == n.CaseId, ct);
            var at = time.GetUtcNow().UtcDateTime;
            n.ReadAt = at;
            c.RowVersion++;
            var detail = new JsonObject { ["notice"] = n.Id, ["document"] = row.Document.Id, ["readAt"] = at.ToString("O", CultureInfo.InvariantCulture) };
            db.AuditEntries.Add(AuditChain.Append(c, actor.Recorded, "notice-read", detail.ToJsonString(), at));
            return n;
        }, cancellationToken);
        return View(notice, row.Document, withData: true);
    }

    private sealed class NoticeRow
    {
        public required Notice Notice { get; init; }
        public Document? Document { get; init; }
    }

    /// <summary>The applicant's notices (one when <paramref name="noticeId"/> is given), newest first, with their documents.</summary>
    private static IQueryable<NoticeRow> Mine(CasesDbContext db, string me, long? noticeId) =>
        from n in db.Notices.AsNoTracking()
        join c in db.Cases.AsNoTracking() on n.CaseId equals c.Id
        where c.Applicant == me && (n.Recipient == "applicant" || n.Recipient == "parties") && (noticeId == null || n.Id == noticeId)
        from d in db.Documents.AsNoTracking().Where(d => d.NoticeId == n.Id).DefaultIfEmpty()
        orderby n.Id descending
        select new NoticeRow { Notice = n, Document = d };

    private static void RequireApplicant(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("read an applicant's notices", ActorRoles.Applicant);
    }

    private static MyNoticeView View(Notice n, Document? d, bool withData) => new(
        n.Id, n.NoticeType, n.Template, n.CaseId, n.CreatedAt, d?.IssuedAt, n.DeliveredAt, n.ReadAt, n.ServiceMethod,
        d?.Id, d?.SealId, d is null ? null : $"/api/documents/{d.Id}", withData ? StoredJson.Parse(n.DataJson) : null);
}
