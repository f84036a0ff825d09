namespace CloudApproval.Cases.Licences;

/// <summary>
/// An extension by notice (延期办): the issuing department extends, by one public act, every licence of a matter (or a
/// licence type) whose validity ends within a window, to a new day or by some months, on a stated legal basis.
/// Applied in batches by a Hangfire job; <see cref="LicenceExtension"/> records each licence done, once.
/// </summary>
public sealed class ExtensionNotice
{
    public long Id { get; set; }
    public required string Department { get; set; }
    public string? MatterCode { get; set; }
    public string? LicenceType { get; set; }
    public DateOnly ExpiringFrom { get; set; }
    public DateOnly ExpiringTo { get; set; }
    public DateOnly? NewValidUntil { get; set; }
    public int? ExtendMonths { get; set; }
    public required string LegalBasis { get; set; }
    public ExtensionNoticeStatus Status { get; set; }
    /// <summary>How many licences the notice touched when it was applied (fixed then; done ones are counted from the records).</summary>
    public int Total { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? AppliedBy { get; set; }
    public DateTime? ApplyStartedAt { get; set; }
    public DateTime? AppliedAt { get; set; }
    public long RowVersion { get; set; }

    /// <summary>The day a licence holds until after this notice.</summary>
    public DateOnly NewUntil(DateOnly current) => NewValidUntil ?? current.AddMonths(ExtendMonths ?? 0);
}

public enum ExtensionNoticeStatus
{
    Draft,
    Applying,
    Applied,
}

/// <summary>One licence extended by one notice: unique per pair, so a resumed job never extends a licence twice.</summary>
public sealed class LicenceExtension
{
    public long Id { get; set; }
    public long NoticeId { get; set; }
    public long LicenceId { get; set; }
    public DateOnly PreviousUntil { get; set; }
    public DateOnly NewUntil { get; set; }
    public DateTime At { get; set; }
}
