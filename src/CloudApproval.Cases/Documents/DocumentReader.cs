using CloudApproval.Cases.Access;
using CloudApproval.Cases.Blobs;
using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Documents;

/// <summary>What checking an issued document found: its stored bytes against its seal and the department's key.</summary>
/// <param name="Valid">The bytes are the sealed ones and the seal is the department's.</param>
/// <param name="DigestMatches">SM3 of the stored bytes equals the sealed digest.</param>
/// <param name="SignatureValid">The SM2 signature verifies with the seal's public key.</param>
/// <param name="KeyIsDepartments">That public key is the department's own seal key.</param>
/// <param name="Problem">The first thing that does not hold, in words; null when valid.</param>
/// <param name="DocumentId">The document checked.</param>
/// <param name="SealId">The seal it carries.</param>
/// <param name="Department">The department whose seal it claims to be.</param>
/// <param name="Algorithm">SM2-with-SM3.</param>
/// <param name="IssuedAt">When it was issued (UTC).</param>
public sealed record DocumentVerification(
    bool Valid,
    bool DigestMatches,
    bool SignatureValid,
    bool KeyIsDepartments,
    string? Problem,
    string DocumentId,
    string SealId,
    string Department,
    string Algorithm,
    DateTime IssuedAt);

/// <summary>An issued document's bytes, for download.</summary>
public sealed record DocumentFile(Stream Content, string MediaType, string FileName);

/// <summary>
/// Reads and verifies issued documents. Readers: the case's applicant (documents addressed to them), staff who may read
/// the case, auditors and admins; to anyone else a document is unknown (404), like the case.
/// </summary>
public sealed class DocumentReader(CasesDbFactory factory, IBlobStore blobs, DepartmentSeals seals)
{
    public async Task<DocumentFile> OpenAsync(string documentId, Actor actor, CancellationToken cancellationToken = default)
    {
        var document = await ReadableAsync(documentId, actor, cancellationToken);
        if (!blobs.Exists(document.Sha256))
            throw new CasesException("document-missing", $"document {documentId}: its file {document.Sha256} is missing from the blob store (run: audit verify {document.CaseId})");
        return new DocumentFile(blobs.OpenRead(document.Sha256), document.MediaType, document.FileName);
    }

    /// <summary>Re-reads the stored bytes, recomputes SM3 and checks the seal against the department's own key.</summary>
    public async Task<DocumentVerification> VerifyAsync(string documentId, Actor actor, CancellationToken cancellationToken = default)
    {
        var document = await ReadableAsync(documentId, actor, cancellationToken);
        SealCheck check;
        if (!blobs.Exists(document.Sha256))
        {
            check = new SealCheck(false, false, false, $"the document's file {document.Sha256} is missing from the blob store");
        }
        else
        {
            using var stream = blobs.OpenRead(document.Sha256);
            using var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes, cancellationToken);
            check = seals.Verify(document.Seal, bytes.ToArray());
        }
        return new DocumentVerification(check.Valid, check.DigestMatches, check.SignatureValid, check.KeyIsDepartments, check.Problem,
            document.Id, document.SealId, document.Department, Seal.Algorithm, document.IssuedAt);
    }

    private async Task<Document> ReadableAsync(string documentId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = factory.CreateDbContext();
        var document = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId, ct) ?? throw Unknown(documentId);
        if (CaseAccess.ReadsAll(actor)) return document;
        var c = await db.Cases.AsNoTracking().SingleAsync(x => x.Id == document.CaseId, ct);
        if (c.Applicant == actor.Id)
        {
            var recipient = await db.Notices.AsNoTracking().Where(n => n.Id == document.NoticeId).Select(n => n.Recipient).SingleAsync(ct);
            if (ServiceMethods.ToApplicant(recipient)) return document;
        }
        if (!CaseAccess.IsStaff(actor)) throw Unknown(documentId);
        try
        {
            await CaseAccess.RequireReadableAsync(db, c, actor, ct);
        }
        catch (CasesException ex) when (ex.Code == "unknown-case")
        {
            throw Unknown(documentId);
        }
        return document;
    }

    public static CasesException Unknown(string documentId) => new("unknown-document", $"no document {documentId}");
}
