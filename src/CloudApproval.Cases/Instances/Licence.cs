namespace CloudApproval.Cases.Instances;

/// <summary>An e-licence issued by a case (sealing and the QR code come with the e-licence feature).</summary>
public sealed class Licence
{
    public long Id { get; set; }
    public required string Number { get; set; }
    public required string CaseId { get; set; }
    public required string LicenceType { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidUntil { get; set; }
    public LicenceStatus Status { get; set; }
    public DateTime IssuedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevocationReason { get; set; }
}

public enum LicenceStatus
{
    Valid,
    Revoked,
}
