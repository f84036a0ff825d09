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
    /// <summary>Optimistic concurrency: an upload racing the submit cannot slip into a submitted application.</summary>
    public long RowVersion { get; set; }
}

public enum ApplicationStatus
{
    Draft,
    Submitted,
}

/// <summary>One material of an application: the stored file (by hash) for one material code of the matter.</summary>
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
}
