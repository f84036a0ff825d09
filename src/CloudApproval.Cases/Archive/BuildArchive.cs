using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Applications;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Blobs;
using CloudApproval.Cases.Documents;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Archive;

/// <summary>
/// Writes the archive package of a closed case tree into a stream: the case file as the auditor reads it, the
/// application and every material, every notice and licence, each case's audit chain with the verification run on the
/// live database, then <c>manifest.json</c> listing every file's SHA-256 and the department's seal over the manifest.
/// </summary>
public sealed class BuildArchive(CasesDbFactory factory, IBlobStore blobs, DepartmentSeals seals, CaseHistory history, AuditVerifier verifier)
{
    public async Task<CaseArchive> WriteAsync(Case root, Stream output, DateTime producedAt, CancellationToken ct)
    {
        await using var db = factory.CreateDbContext();
        var tree = await db.Cases.AsNoTracking().Where(c => c.RootCaseId == root.Id).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(ct);
        var department = await DepartmentOfAsync(db, root, tree, ct);

        using var writer = new ArchiveWriter(new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true), producedAt);
        var file = await history.GetAsync(root.Id, Actor.System("archive"), ct);
        await writer.AddAsync("case-file.json", "case-file", "the case file: summary, input, tasks, timers, notices, licences, timeline", Json(file), ct);

        foreach (var application in await db.Applications.AsNoTracking().Where(a => a.CaseId == root.Id).ToListAsync(ct))
            await AddApplicationAsync(db, writer, application, ct);
        var documents = await db.Documents.AsNoTracking().Where(d => d.CaseId == root.Id).ToDictionaryAsync(d => d.NoticeId, ct);
        foreach (var notice in await db.Notices.AsNoTracking().Where(n => n.CaseId == root.Id).OrderBy(n => n.Id).ToListAsync(ct))
        {
            await writer.AddAsync($"notices/{notice.Id}-{notice.NoticeType}.json", "notice", $"{notice.NoticeType} notice to {notice.Recipient} (template {notice.Template})", Json(notice), ct);
            if (!documents.TryGetValue(notice.Id, out var document)) continue;
            await using var content = blobs.OpenRead(document.Sha256);
            var added = await writer.AddAsync($"documents/{document.FileName}", "document",
                $"document {document.Id} of notice {notice.Id}, issued {document.IssuedAt:yyyy-MM-dd HH:mm:ss}Z, sealed by {document.SealId}", content, ct);
            writer.Files[^1] = added with { Seal = document.Seal };
        }
        foreach (var licence in await db.Licences.AsNoTracking().Where(l => l.CaseId == root.Id).OrderBy(l => l.Id).ToListAsync(ct))
        {
            await writer.AddAsync($"licences/{licence.Number}.json", "licence", $"licence {licence.Number} ({licence.LicenceType}), its row as it stood at archiving", Json(licence), ct);
            if (licence.ContentJson is null || licence.SealJson is null) continue;
            var added = await writer.AddAsync($"licences/{licence.Number}.sealed.json", "licence-content",
                $"the sealed content of licence {licence.Number}", Encoding.UTF8.GetBytes(licence.ContentJson), ct);
            writer.Files[^1] = added with { Seal = JsonSerializer.Deserialize<Seal>(licence.SealJson) };
        }

        var chains = new List<ArchivedChain>();
        foreach (var c in tree) chains.Add(await AddChainAsync(db, writer, c, ct));

        var manifest = new ArchiveManifest(
            ArchiveManifest.CurrentFormat, root.Id, root.DefinitionId, root.Version, root.Status.ToString(), root.Outcome, root.Applicant,
            department, root.CreatedAt, root.UpdatedAt, producedAt, [.. writer.Files], chains);
        var manifestBytes = Json(manifest);
        var seal = seals.Sign(department, manifestBytes);
        await writer.AddUnlistedAsync(ArchiveManifest.FileName, manifestBytes, ct);
        await writer.AddUnlistedAsync(ArchiveManifest.SealFileName, Json(seal), ct);
        return new CaseArchive { CaseId = root.Id, Sha256 = "", Department = department, SealId = seal.SealId, ProducedAt = producedAt };
    }

    private async Task AddApplicationAsync(CasesDbContext db, ArchiveWriter writer, Application application, CancellationToken ct)
    {
        var record = new JsonObject
        {
            ["id"] = application.Id,
            ["applicant"] = application.Applicant,
            ["matter"] = application.MatterCode,
            ["commitment"] = application.Commitment,
            ["submittedAt"] = application.SubmittedAt,
            ["data"] = JsonNode.Parse(application.DataJson),
            ["receipt"] = application.ReceiptJson is null ? null : JsonNode.Parse(application.ReceiptJson),
        };
        await writer.AddAsync($"application/{application.Id}.json", "application", $"application {application.Id} for {application.MatterCode}", Json(record), ct);
        var signatures = await db.ApplicationSignatures.AsNoTracking().Where(x => x.ApplicationId == application.Id)
            .OrderBy(x => x.Revision).ThenBy(x => x.Kind).ThenBy(x => x.Id)
            .Select(x => new ArchivedSignature(x.Kind, x.Revision, x.Signer, x.CanonicalText, x.Signature, x.PublicKey, x.SignedAt)).ToListAsync(ct);
        if (signatures.Count > 0)
            await writer.AddAsync($"application/{application.Id}.signatures.json", "application-signatures",
                $"the applicant's SM2 signatures: {string.Join(", ", signatures.Select(x => $"{x.Kind} r{x.Revision}"))}", Json(signatures), ct);
        var materials = await db.ApplicationMaterials.AsNoTracking().Where(m => m.ApplicationId == application.Id).OrderBy(m => m.MaterialCode).ThenBy(m => m.Id).ToListAsync(ct);
        foreach (var material in materials)
        {
            await using var content = blobs.OpenRead(material.Sha256);
            var added = await writer.AddAsync($"materials/{material.MaterialCode}/{material.FileName}", "material",
                $"material {material.MaterialCode}, uploaded {material.UploadedAt:yyyy-MM-dd HH:mm:ss}Z as sha256 {material.Sha256}", content, ct);
            // The package carries what the store holds; the manifest says so when that is not what was uploaded.
            if (added.Sha256 != material.Sha256)
                writer.Files[^1] = added with { Describes = added.Describes + $" — FINDING: the stored file's SHA-256 is {added.Sha256}, not the {material.Sha256} recorded at upload" };
        }
    }

    private async Task<ArchivedChain> AddChainAsync(CasesDbContext db, ArchiveWriter writer, Case c, CancellationToken ct)
    {
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.CaseId == c.Id).OrderBy(e => e.Sequence)
            .Select(e => new ArchivedAuditEntry(e.CaseId, e.Sequence, e.At, e.Actor, e.Action, e.Detail, e.StateDigest, e.PreviousHash, e.Hash))
            .ToListAsync(ct);
        using var lines = new MemoryStream();
        foreach (var entry in entries)
        {
            JsonSerializer.Serialize(lines, entry, ArchiveJson.Lines);
            lines.WriteByte((byte)'\n');
        }
        var added = await writer.AddAsync($"audit/{c.Id}.jsonl", "audit-chain", $"audit chain of {(c.Id == c.RootCaseId ? "the case" : "sub-procedure")} {c.Id} ({c.DefinitionId})", lines.ToArray(), ct);
        var verification = await verifier.VerifyAsync(c.Id, ct);
        return new ArchivedChain(c.Id, added.Path, entries.Count, entries.Count == 0 ? AuditChain.Genesis : entries[^1].Hash,
            verification.Intact, verification.Intact ? verification.Note : $"entry {verification.BrokenAt}: {verification.Reason}");
    }

    /// <summary>The department that handled the case seals its archive: the one named in the case's input, else the first task's.</summary>
    private static async Task<string> DepartmentOfAsync(CasesDbContext db, Case root, List<Case> tree, CancellationToken ct)
    {
        if (Transition.ParseState(root).Input["department"] is JsonValue value && value.TryGetValue<string>(out var named) && named.Length > 0)
            return named;
        var ids = tree.Select(c => c.Id).ToList();
        return await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.CaseId)).OrderBy(t => t.Id).Select(t => t.Department).FirstOrDefaultAsync(ct)
            ?? throw new CasesException("no-department", $"case {root.Id} names no department and has no task: there is no department to seal its archive");
    }

    private static byte[] Json<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, ArchiveJson.Options);
}
