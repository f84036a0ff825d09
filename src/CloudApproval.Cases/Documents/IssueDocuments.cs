using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Blobs;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Matters;
using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Runtime;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CloudApproval.Cases.Documents;

/// <summary>
/// Issues the document of a notice, off the transition's hot path (a Hangfire job enqueued after the transition
/// commits, and a sweep for notices a crash left without one): renders the template, sets it as PDF (or HTML), seals
/// it with the department's e-seal, stores it in the blob store, then records the document, how the notice is served
/// and an audit entry <c>notice-issued</c> on the case's chain in one transaction. Idempotent: a notice that has a
/// document is left alone, and the unique notice id makes a racing second issue lose and find the first.
/// </summary>
public sealed class IssueDocuments(
    CasesDbFactory factory,
    CaseRuntime runtime,
    NoticeTemplates templates,
    DocumentRenderer renderer,
    DepartmentSeals seals,
    IBlobStore blobs,
    MatterCatalog matters,
    TimeProvider time,
    ILogger<IssueDocuments> logger)
{
    /// <summary>Who issues: the system, as recorded on the audit chain.</summary>
    public static Actor Issuer { get; } = Actor.System("documents");

    /// <summary>At most this many notices per sweep; the next sweep takes the rest.</summary>
    public const int SweepBatch = 200;

    /// <summary>Issues the notice's document unless it has one; answers the document's id (null for a staff alert, which gets none).</summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task<string?> IssueAsync(long noticeId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        Prepared prepared;
        await using (var db = factory.CreateDbContext())
        {
            if (await DocumentOfAsync(db, noticeId, cancellationToken) is { } existing) return existing;
            var notice = await db.Notices.AsNoTracking().SingleOrDefaultAsync(n => n.Id == noticeId, cancellationToken)
                ?? throw new CasesException("unknown-notice", $"no notice {noticeId}");
            if (!ServiceMethods.IsDocument(notice.Recipient)) return null;
            prepared = await PrepareAsync(db, notice, now, cancellationToken);
        }
        var stored = await blobs.PutAsync(new MemoryStream(prepared.Rendered.Bytes), prepared.Rendered.Bytes.Length, cancellationToken);
        return await runtime.InTransactionAsync(Issuer, async (db, _, ct) =>
        {
            if (await DocumentOfAsync(db, noticeId, ct) is { } existing) return existing;
            var notice = await db.Notices.SingleAsync(n => n.Id == noticeId, ct);
            var c = await db.Cases.SingleAsync(x => x.Id == notice.CaseId, ct);
            var profile = c.Applicant is null ? null : await db.ApplicantProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserName == c.Applicant, ct);
            var (method, delivered) = ServiceMethods.For(notice, profile);
            var seal = prepared.Seal;
            var document = new Document
            {
                Id = prepared.Id,
                NoticeId = notice.Id,
                CaseId = notice.CaseId,
                Department = prepared.Department,
                Template = notice.Template,
                MediaType = prepared.Rendered.MediaType,
                Sha256 = stored.Sha256,
                Size = stored.Size,
                SealId = seal.SealId,
                SealDigest = seal.Digest,
                SealSignature = seal.Signature,
                SealPublicKey = seal.PublicKey,
                IssuedAt = now.UtcDateTime,
            };
            db.Documents.Add(document);
            notice.ServiceMethod = method;
            if (delivered) notice.DeliveredAt = now.UtcDateTime;
            c.RowVersion++;
            var detail = new JsonObject
            {
                ["notice"] = notice.Id,
                ["template"] = notice.Template,
                ["document"] = document.Id,
                ["mediaType"] = document.MediaType,
                ["sha256"] = document.Sha256,
                ["sealId"] = seal.SealId,
                ["sm3"] = seal.Digest,
                ["service"] = method,
            };
            db.AuditEntries.Add(AuditChain.Append(c, Issuer.Recorded, "notice-issued", detail.ToJsonString(), now.UtcDateTime));
            return document.Id;
        }, cancellationToken);
    }

    /// <summary>
    /// Issues the documents of notices that have none (a crash between a transition's commit and the enqueue, a job
    /// that gave up on a template since fixed). One that fails is logged and left for the next sweep.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        List<long> pending;
        await using (var db = factory.CreateDbContext())
        {
            pending = await db.Notices.AsNoTracking()
                .Where(n => n.Recipient != "assignee" && n.Recipient != "department-head" && !db.Documents.Any(d => d.NoticeId == n.Id))
                .OrderBy(n => n.Id).Select(n => n.Id).Take(SweepBatch).ToListAsync(cancellationToken);
        }
        var issued = 0;
        foreach (var id in pending)
        {
            try
            {
                if (await IssueAsync(id, cancellationToken) is not null) issued++;
            }
            catch (CasesException ex)
            {
                logger.LogWarning("Notice {Notice}: no document issued: {Problem}", id, ex.Message);
            }
        }
        if (issued > 0) logger.LogInformation("Issued {Count} document(s) for notices that had none", issued);
        return issued;
    }

    private static Task<string?> DocumentOfAsync(CasesDbContext db, long noticeId, CancellationToken ct) =>
        db.Documents.AsNoTracking().Where(d => d.NoticeId == noticeId).Select(d => (string?)d.Id).FirstOrDefaultAsync(ct);

    private sealed record Prepared(string Id, string Department, RenderedDocument Rendered, Seal Seal);

    /// <summary>Everything outside the transaction: the model, the template, the layout and the seal (the slow part).</summary>
    private async Task<Prepared> PrepareAsync(CasesDbContext db, Notice notice, DateTimeOffset now, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().SingleAsync(x => x.Id == notice.CaseId, ct);
        var state = Transition.ParseState(c);
        var clock = state.Clock;
        if (clock is null)
        {
            // The clock may run in a sub-procedure of the case.
            foreach (var child in await db.Cases.AsNoTracking().Where(x => x.RootCaseId == c.Id && x.Id != c.Id).OrderBy(x => x.CreatedAt).ToListAsync(ct))
                if ((clock = Transition.ParseState(child).Clock) is not null) break;
        }
        var procedure = await db.ProcedureVersions.AsNoTracking().Where(v => v.DefinitionId == c.DefinitionId && v.Version == c.Version)
            .Select(v => v.Name).FirstOrDefaultAsync(ct) ?? c.DefinitionId;
        var profile = c.Applicant is null ? null : await db.ApplicantProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserName == c.Applicant, ct);
        var application = state.Input["application"] as JsonObject;
        var matter = await MatterAsync(application, ct);
        // A notice another department states (an opinion reply) carries that department's seal, not the case's.
        var department = notice.Issuer ?? DepartmentOf(state) ?? matter?.Department
            ?? throw new CasesException("no-department", $"case {c.Id}: neither its input nor its procedure names a department to seal notice {notice.Id}");

        var id = NewId(now);
        var number = $"{c.Id}-{notice.Id.ToString("D4", CultureInfo.InvariantCulture)}";
        var model = NoticeModel.Build(new NoticeModel.Facts(notice, number, c, procedure, matter, profile, department, now, clock, application));
        var text = templates.Render(notice.Template, model);
        if (text.Undefined.Count > 0)
            logger.LogWarning("Notice template {Template} uses names the model lacks: {Names}", notice.Template, string.Join(", ", text.Undefined));
        var (sealId, _) = seals.PublicOf(department);
        var rendered = renderer.Render(text, new DocumentStamp(number, DepartmentNames.Zh(department), sealId, NoticeTemplates.Chinese(ChinaTime.DateOf(now))));
        return new Prepared(id, department, rendered, seals.Sign(department, rendered.Bytes));
    }

    /// <summary>The case's department (its input), else the procedure's (the variable's default).</summary>
    private static string? DepartmentOf(InstanceState state) =>
        Text(state.Input["department"]) ?? Text(state.Variables["department"]);

    private async Task<Matter?> MatterAsync(JsonObject? application, CancellationToken ct)
    {
        if (Text(application?["matter"]) is not { } code) return null;
        try
        {
            return await matters.GetAsync(code, ct);
        }
        catch (CasesException)
        {
            // A matter since withdrawn from the catalogue: the document names the procedure instead.
            return null;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    private const string IdAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private static string NewId(DateTimeOffset now) =>
        $"DOC-{ChinaTime.DateOf(now).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{RandomNumberGenerator.GetString(IdAlphabet, 10)}";
}
