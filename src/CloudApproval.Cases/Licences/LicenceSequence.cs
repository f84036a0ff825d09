namespace CloudApproval.Cases.Licences;

/// <summary>
/// The last number handed out for one prefix and year (SP-2026-000042). Incremented in the issuing transaction: two
/// nodes issuing at once both change the row, the second commit fails on the concurrency token (or, for the year's first
/// number, on the unique index) and its transaction is retried from scratch with the next number.
/// </summary>
public sealed class LicenceSequence
{
    public long Id { get; set; }
    public required string Prefix { get; set; }
    public int Year { get; set; }
    public int Last { get; set; }
    public long RowVersion { get; set; }
}
