namespace CloudApproval.Cases.Definitions;

/// <summary>One stored version of a procedure definition. Published versions are immutable (content hash recorded).</summary>
public sealed class ProcedureVersion
{
    public long Id { get; set; }
    public required string DefinitionId { get; set; }
    public int Version { get; set; }
    public required string Name { get; set; }
    /// <summary>The canonical definition text, byte-identical to <c>workflows/&lt;id&gt;/v&lt;N&gt;.json</c>.</summary>
    public required string Json { get; set; }
    /// <summary>SHA-256 (hex) of <see cref="Json"/> in UTF-8.</summary>
    public required string ContentHash { get; set; }
    public ProcedureVersionStatus Status { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? PublishedBy { get; set; }
    public DateTime? PublishedAt { get; set; }
    public string? RetiredBy { get; set; }
    public DateTime? RetiredAt { get; set; }
    /// <summary>Optimistic concurrency: publish and edit race on drafts.</summary>
    public long RowVersion { get; set; }
}

/// <summary>Lifecycle of a stored version.</summary>
public enum ProcedureVersionStatus
{
    /// <summary>Editable; cannot start cases.</summary>
    Draft,
    /// <summary>Immutable; new cases start on the highest published version.</summary>
    Published,
    /// <summary>No new cases; running ones finish on it.</summary>
    Retired,
}
