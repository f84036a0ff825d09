namespace CloudApproval.Cases.Instances;

/// <summary>
/// An e-licence (电子证照) issued by a case. What was issued (number, holder, matter, scope, validity, issuer) is kept as
/// canonical JSON sealed with the issuing department's e-seal; the row's other columns are its life since: extension by
/// notice, delivery, expiry, revocation. Licences issued before sealing existed have no content or seal.
/// </summary>
public sealed class Licence
{
    public long Id { get; set; }
    public required string Number { get; set; }
    public required string CaseId { get; set; }
    public required string LicenceType { get; set; }
    public DateOnly ValidFrom { get; set; }
    /// <summary>The validity as issued (and sealed); an extension by notice sets <see cref="ExtendedUntil"/> instead.</summary>
    public DateOnly ValidUntil { get; set; }
    public LicenceStatus Status { get; set; }
    public DateTime IssuedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevocationReason { get; set; }

    /// <summary>The applicant's user name: private, never shown by the public verification.</summary>
    public string? Holder { get; set; }
    public string? HolderName { get; set; }
    public string? MatterCode { get; set; }
    /// <summary>The issuing department, whose seal is on <see cref="ContentJson"/>.</summary>
    public string? Department { get; set; }
    /// <summary>The licence as issued, canonical JSON; the seal is over exactly its UTF-8 bytes.</summary>
    public string? ContentJson { get; set; }
    /// <summary>The department's seal (<see cref="Documents.Seal"/>) as JSON.</summary>
    public string? SealJson { get; set; }
    /// <summary>
    /// Set by an extension notice (延期办, <see cref="ExtensionNoticeId"/>) or by a renewal deemed granted (art. 50,
    /// <see cref="DeemedRenewedAt"/>): the licence now holds until this day.
    /// </summary>
    public DateOnly? ExtendedUntil { get; set; }
    public long? ExtensionNoticeId { get; set; }
    /// <summary>When the licence reached its holder (art. 44: within 10 working days of the decision), and how.</summary>
    public DateTime? DeliveredAt { get; set; }
    public string? DeliveredBy { get; set; }
    public DateTime? ExpiredAt { get; set; }
    /// <summary>
    /// When the licence counted as renewed (art. 50): a renewal was applied for in time and not decided by its last day.
    /// It then holds for one more validity period from <see cref="DeemedRenewedFrom"/>.
    /// </summary>
    public DateTime? DeemedRenewedAt { get; set; }
    public DateOnly? DeemedRenewedFrom { get; set; }
    /// <summary>The licence issued by the decision on its renewal: this one holds until the day before that one begins.</summary>
    public string? RenewedBy { get; set; }

    /// <summary>The last day the licence holds, extension included.</summary>
    public DateOnly EffectiveUntil => ExtendedUntil ?? ValidUntil;
}

public enum LicenceStatus
{
    Valid,
    Revoked,
    Expired,
}
