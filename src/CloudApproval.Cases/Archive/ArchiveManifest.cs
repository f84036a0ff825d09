namespace CloudApproval.Cases.Archive;

/// <summary>
/// <c>manifest.json</c> of an archive package: what the case was and every file in the package with its SHA-256. The
/// department's seal over the manifest's exact bytes is <c>manifest.seal.json</c>; the files are bound to the seal through
/// their hashes, and each audit chain file through its head hash as well.
/// </summary>
public sealed record ArchiveManifest(
    string Format,
    string CaseId,
    string Procedure,
    int Version,
    string Status,
    string? Outcome,
    string? Applicant,
    string Department,
    DateTime StartedAt,
    DateTime ClosedAt,
    DateTime ProducedAt,
    IReadOnlyList<ArchivedFile> Files,
    IReadOnlyList<ArchivedChain> AuditChains)
{
    public const string CurrentFormat = "cloudapproval-archive/1";
    public const string FileName = "manifest.json";
    public const string SealFileName = "manifest.seal.json";
}

/// <summary>One file of the package: where it is, what it is, its hash and size, and what it stands for.</summary>
/// <param name="Path">The entry's path in the zip.</param>
/// <param name="Kind">case-file, application, material, notice, document, licence or audit-chain.</param>
/// <param name="Sha256">SHA-256 of the entry's bytes, lower-case hex.</param>
/// <param name="Size">The entry's length in bytes.</param>
/// <param name="Describes">What it is, for a reader (material code, notice type, licence number ...).</param>
/// <param name="Seal">The department's seal over exactly this file's bytes (an issued document, a licence's content).</param>
public sealed record ArchivedFile(string Path, string Kind, string Sha256, long Size, string? Describes = null, Documents.Seal? Seal = null);

/// <summary>One case's audit chain as exported, with the verification the producer ran on the live database.</summary>
/// <param name="CaseId">The case (the root or a sub-procedure).</param>
/// <param name="Path">The chain's file in the zip (one entry per line).</param>
/// <param name="Entries">How many entries.</param>
/// <param name="Head">The last entry's hash (the genesis hash for an empty chain).</param>
/// <param name="Verified">True when the chain and the case's rows verified at production.</param>
/// <param name="Problem">What did not verify, when not.</param>
public sealed record ArchivedChain(string CaseId, string Path, long Entries, string Head, bool Verified, string? Problem);

/// <summary>An audit entry as exported: every field its hash covers.</summary>
public sealed record ArchivedAuditEntry(
    string CaseId, long Sequence, DateTime At, string Actor, string Action, string Detail, string StateDigest, string PreviousHash, string Hash);

/// <summary>A statement the applicant signed (the application, a commitment letter, a supplement undertaking), as signed.</summary>
public sealed record ArchivedSignature(string Kind, int Revision, string Signer, string CanonicalText, string Signature, string PublicKey, DateTime SignedAt);
