namespace CloudApproval.Cases.Documents;

/// <summary>
/// The official document (文书) issued for one notice: rendered from the notice's template, stored in the blob store
/// under its SHA-256, and sealed with the department's e-seal. Written once, by the issue job, never changed.
/// </summary>
public sealed class Document
{
    /// <summary>Readable and hard to guess: DOC-20260302-K7Q2XMAB (the id is printed nowhere it could be enumerated).</summary>
    public required string Id { get; set; }
    /// <summary>Unique: a notice gets exactly one document, however often the job runs.</summary>
    public long NoticeId { get; set; }
    public required string CaseId { get; set; }
    public required string Department { get; set; }
    public required string Template { get; set; }
    /// <summary>application/pdf, or text/html where no CJK font was found for PDF.</summary>
    public required string MediaType { get; set; }
    public required string Sha256 { get; set; }
    public long Size { get; set; }
    public required string SealId { get; set; }
    /// <summary>SM3 of the document's bytes, hex.</summary>
    public required string SealDigest { get; set; }
    /// <summary>SM2 signature over the bytes (DER, hex).</summary>
    public required string SealSignature { get; set; }
    public required string SealPublicKey { get; set; }
    public DateTime IssuedAt { get; set; }

    /// <summary>The name a download is saved under.</summary>
    public string FileName => $"{Template}-{Id}.{(MediaType == DocumentMedia.Pdf ? "pdf" : "html")}";

    public Seal Seal => new(SealId, Department, SealDigest, SealSignature, SealPublicKey);
}

/// <summary>The two forms a document is issued in.</summary>
public static class DocumentMedia
{
    public const string Pdf = "application/pdf";
    public const string Html = "text/html; charset=utf-8";
}
