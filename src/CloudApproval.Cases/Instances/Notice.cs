namespace CloudApproval.Cases.Instances;

/// <summary>A notice a procedure sent (acceptance, correction, decision, ...), awaiting sealing and electronic delivery.</summary>
public sealed class Notice
{
    public long Id { get; set; }
    public required string CaseId { get; set; }
    public required string ActivityId { get; set; }
    public required string NoticeType { get; set; }
    public required string Template { get; set; }
    public required string Recipient { get; set; }
    public string? DataJson { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
}
