namespace CloudApproval.Cases.Applications;

/// <summary>
/// An online application (网上申报) for a matter: a draft the applicant fills and attaches materials to, then submits,
/// which starts the case. Submitted, it never changes again: it is what the applicant handed in, and the receipt says so.
/// </summary>
public sealed class Application
{
    public required string Id { get; set; }
    /// <summary>The applicant's user name; nobody else sees the application.</summary>
    public required string Applicant { get; set; }
    public required string MatterCode { get; set; }
    /// <summary>The applicant's form data (a JSON object).</summary>
    public required string DataJson { get; set; }
    public ApplicationStatus Status { get; set; }
    /// <summary>Whether the applicant chose 告知承诺 when submitting.</summary>
    public bool Commitment { get; set; }
    public string? CaseId { get; set; }
    /// <summary>The receipt (收件回执) issued on submission, as JSON.</summary>
    public string? ReceiptJson { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    /// <summary>The signed revision: 1 on submission, one more for each answered correction (0 before submission).</summary>
    public int Revision { get; set; }
    /// <summary>The materials deferred (容缺) as of the current revision, a JSON array of codes; null before submission.</summary>
    public string? DeferredJson { get; set; }
    /// <summary>
    /// The licence this application asks to renew (延续, art. 50), held by the applicant for the same matter; null for a
    /// first application. Filed at least 30 days before the licence's last day, so that it counts as renewed if the
    /// authority has not decided by then.
    /// </summary>
    public string? RenewsLicence { get; set; }
    /// <summary>Optimistic concurrency: an upload racing the submit cannot slip into a submitted application.</summary>
    public long RowVersion { get; set; }
}

public enum ApplicationStatus
{
    Draft,
    Submitted,
}

/// <summary>
/// One version of one material of an application: the stored file (by hash) for one material code of the matter. A
/// draft keeps one version per material (an upload replaces it); once submitted, a correction adds a new version
/// (pending until the correction is answered) and the old one is kept, superseded.
/// </summary>
public sealed class ApplicationMaterial
{
    public long Id { get; set; }
    public required string ApplicationId { get; set; }
    public required string MaterialCode { get; set; }
    public required string FileName { get; set; }
    /// <summary>The file type recognised from the content (pdf, png ...), one the material accepts.</summary>
    public required string FileType { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public DateTime UploadedAt { get; set; }
    /// <summary>1 for the file handed in first; each correction adds one.</summary>
    public int Version { get; set; } = 1;
    /// <summary>Uploaded for an open correction request, not yet handed in (answering it makes it current).</summary>
    public bool Pending { get; set; }
    /// <summary>When a later version replaced this one; null while it is the current one.</summary>
    public DateTime? SupersededAt { get; set; }
}
