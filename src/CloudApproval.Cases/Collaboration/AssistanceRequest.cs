namespace CloudApproval.Cases.Collaboration;

/// <summary>
/// A request for administrative assistance (行政协助) made on a case: a row of the requesting case (covered by its
/// audit chain and row digests), pointing at the assistance case in which the assisting department works it (null when
/// a data port answered at once). Its answer (accepted, declined with reasons) and its result, with who gave them and
/// when, are copied here in the same transaction as the assisting department's step: the requesting case holds the
/// result as a material with its provenance, and never needs to read the other case.
/// </summary>
public sealed class AssistanceRequest
{
    /// <summary>Chosen before the insert (like a case id), so the row's key in the case's digest map is known.</summary>
    public required string Id { get; set; }
    /// <summary>The requesting case (a root case).</summary>
    public required string CaseId { get; set; }
    public required string ItemCode { get; set; }
    public required string RequestingDepartment { get; set; }
    public required string AssistingDepartment { get; set; }
    public required string Question { get; set; }
    public int TimeLimitWorkingDays { get; set; }
    public string? AssistanceCaseId { get; set; }
    public AssistanceStatus Status { get; set; }
    public required string RequestedBy { get; set; }
    public DateTime RequestedAt { get; set; }
    /// <summary>Who accepted or declined, and when.</summary>
    public string? AnsweredBy { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public string? DeclineReasons { get; set; }
    /// <summary>The result, who gave it (<c>system:data-port</c> for an automatic answer) and when; the file's SHA-256 when one came with it.</summary>
    public string? Result { get; set; }
    public string? ResultSha256 { get; set; }
    public string? ProvidedBy { get; set; }
    public DateTime? ProvidedAt { get; set; }
    public long RowVersion { get; set; }
}

/// <summary>Where a request stands: open (not yet answered), accepted (result awaited), declined, provided.</summary>
public enum AssistanceStatus
{
    Open,
    Accepted,
    Declined,
    Provided,
}
