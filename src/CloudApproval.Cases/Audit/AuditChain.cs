using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CloudApproval.Cases.Instances;

namespace CloudApproval.Cases.Audit;

/// <summary>
/// Appends hash-chained audit entries; the case row carries the chain's head so an append is O(1). An entry is staged
/// by <see cref="Append"/> and linked and hashed by <see cref="AuditSeal"/> just before the transaction commits, once
/// every row it changes is final.
/// </summary>
internal static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Stages one entry for the case; <see cref="AuditSeal.SealAsync"/> links and hashes it before SaveChanges.</summary>
    public static AuditEntry Append(Case c, string actor, string action, string detail, DateTime at)
    {
        var entry = new AuditEntry
        {
            CaseId = c.Id,
            Sequence = c.AuditCount + 1,
            At = at,
            Actor = actor,
            Action = action,
            Detail = detail,
            PreviousHash = "",
            Hash = "",
        };
        c.AuditCount = entry.Sequence;
        return entry;
    }

    /// <summary>
    /// SHA-256 over a canonical serialisation: a JSON array of the fields in fixed order, instants in UTC ticks precision,
    /// then the state digest (absent from entries written before it existed, so their hashes still hold).
    /// </summary>
    public static string HashOf(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var fields = new List<object>
        {
            entry.CaseId,
            entry.Sequence,
            entry.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            entry.Actor,
            entry.Action,
            entry.Detail,
            entry.PreviousHash,
        };
        if (entry.StateDigest.Length > 0) fields.Add(entry.StateDigest);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(fields))));
    }
}
