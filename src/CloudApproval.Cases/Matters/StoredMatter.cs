namespace CloudApproval.Cases.Matters;

/// <summary>
/// A matter in the cases database: its canonical text and that text's content hash, with the fields lists are queried
/// by. The catalogue changes (a promised limit is shortened, a material added): an import replaces the row and
/// records who and when; the hash tells whether anything changed.
/// </summary>
public sealed class StoredMatter
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public required string Department { get; set; }
    public required string DefinitionId { get; set; }
    /// <summary>The canonical text (<see cref="MatterJson"/>).</summary>
    public required string Json { get; set; }
    /// <summary>SHA-256 (hex) of <see cref="Json"/> in UTF-8.</summary>
    public required string ContentHash { get; set; }
    public required string ImportedBy { get; set; }
    public DateTime ImportedAt { get; set; }
    /// <summary>Optimistic concurrency: two imports that both change a matter cannot both win silently.</summary>
    public long RowVersion { get; set; }
}
