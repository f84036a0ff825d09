using System.Globalization;
using System.Text.Json;

namespace CloudApproval.Cases.Audit;

/// <summary>
/// A signed statement of every case's chain head (and every published definition's content hash) at one moment: a
/// Merkle root over them, the case count, and an SM2 signature by a key held outside the database. The same
/// checkpoint is appended as one JSON line to a file outside the database; <c>audit verify</c> requires the two to
/// agree. Leaves are kept in the database only: the signed root proves them.
/// </summary>
public sealed class AuditCheckpoint
{
    public long Id { get; set; }
    /// <summary>1, 2, 3, ...</summary>
    public long Number { get; set; }
    public DateTime At { get; set; }
    public int CaseCount { get; set; }
    public required string MerkleRoot { get; set; }
    /// <summary>The signer's SM2 public point, uncompressed, hex.</summary>
    public required string PublicKey { get; set; }
    /// <summary>SM2 signature (DER, hex) over the checkpoint's signed text (see <c>CheckpointLine.SignedText</c>).</summary>
    public required string Signature { get; set; }
    /// <summary>JSON array of the leaves, each <c>["case", id, sequence, head]</c> or <c>["definition", id, version, contentHash]</c>.</summary>
    public required string LeavesJson { get; set; }

    public static string Instant(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>One leaf of a checkpoint: a case's chain head or a published definition's content hash.</summary>
/// <param name="Kind">"case" or "definition".</param>
/// <param name="Id">Case id or definition id.</param>
/// <param name="Number">The head's sequence, or the definition's version.</param>
/// <param name="Hash">The head entry's hash, or the definition's content hash.</param>
internal sealed record CheckpointLeaf(string Kind, string Id, long Number, string Hash)
{
    public const string Case = "case";
    public const string Definition = "definition";

    /// <summary>The leaf's canonical text, hashed into the Merkle tree.</summary>
    public string Text => JsonSerializer.Serialize(new object[] { Kind, Id, Number, Hash });

    public static string Write(IEnumerable<CheckpointLeaf> leaves) => "[" + string.Join(",", leaves.Select(l => l.Text)) + "]";

    /// <summary>The leaves stored with a checkpoint, or null when that text is not a list of leaves.</summary>
    public static List<CheckpointLeaf>? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<JsonElement[][]>(json)?
                .Select(a => new CheckpointLeaf(a[0].GetString()!, a[1].GetString()!, a[2].GetInt64(), a[3].GetString()!))
                .ToList();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>One line of the checkpoint file: the checkpoint without its leaves.</summary>
public sealed record CheckpointLine(long Number, string At, int CaseCount, string MerkleRoot, string PublicKey, string Signature)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal static CheckpointLine Of(AuditCheckpoint c) =>
        new(c.Number, AuditCheckpoint.Instant(c.At), c.CaseCount, c.MerkleRoot, c.PublicKey, c.Signature);

    internal string ToJson() => JsonSerializer.Serialize(this, Json);

    internal static CheckpointLine? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<CheckpointLine>(line, Json) is { At: not null, MerkleRoot: not null, PublicKey: not null, Signature: not null } parsed ? parsed : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What the signature covers: number, time, case count and root, as a JSON array.</summary>
    public string SignedText => SignedTextOf(Number, At, CaseCount, MerkleRoot);

    internal static string SignedTextOf(long number, string at, int caseCount, string merkleRoot) =>
        JsonSerializer.Serialize(new object[] { "cloudapproval-audit-checkpoint", number, at, caseCount, merkleRoot });
}
