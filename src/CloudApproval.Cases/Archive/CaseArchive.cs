namespace CloudApproval.Cases.Archive;

/// <summary>The archive package (归档) of a closed case: a sealed zip in the blob store, produced once.</summary>
public sealed class CaseArchive
{
    /// <summary>The root case archived (with its whole tree).</summary>
    public required string CaseId { get; set; }
    public required string Sha256 { get; set; }
    public long Size { get; set; }
    public required string Department { get; set; }
    public required string SealId { get; set; }
    public DateTime ProducedAt { get; set; }
}
