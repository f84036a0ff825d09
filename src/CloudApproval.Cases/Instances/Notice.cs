namespace CloudApproval.Cases.Instances;

/// <summary>
/// A notice a procedure sent (acceptance, correction, decision, ...). Written by the transition; its sealed document is
/// issued after commit (<see cref="Documents.IssueDocuments"/>), which records how it is served.
/// </summary>
public sealed class Notice
{
    public long Id { get; set; }
    public required string CaseId { get; set; }
    public required string ActivityId { get; set; }
    public required string NoticeType { get; set; }
    public required string Template { get; set; }
    public required string Recipient { get; set; }
    public string? DataJson { get; set; }
    /// <summary>
    /// The department whose seal its document carries when not the case's own (a consulted department's opinion reply);
    /// null: the case's department.
    /// </summary>
    public string? Issuer { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When it was served: electronically at issue, or (offline) when the paper service is recorded.</summary>
    public DateTime? DeliveredAt { get; set; }
    /// <summary>How it is served, set when its document is issued (<see cref="Documents.ServiceMethods"/>).</summary>
    public string? ServiceMethod { get; set; }
    /// <summary>When the applicant first opened it online (the read receipt).</summary>
    public DateTime? ReadAt { get; set; }
}
