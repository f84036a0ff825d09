using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CloudApproval.Cases.Instances;

namespace CloudApproval.Cases.Audit;

/// <summary>Appends hash-chained audit entries; the case row carries the chain's head so an append is O(1).</summary>
internal static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Stages one entry for the case and moves its head; the caller's SaveChanges commits both together.</summary>
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
            PreviousHash = c.AuditCount == 0 ? Genesis : c.AuditHead,
            Hash = "",
        };
        entry.Hash = HashOf(entry);
        c.AuditCount = entry.Sequence;
        c.AuditHead = entry.Hash;
        return entry;
    }

    /// <summary>SHA-256 over a canonical serialisation: a JSON array of the fields in fixed order, instants in UTC ticks precision.</summary>
    public static string HashOf(AuditEntry entry)
    {
        var canonical = JsonSerializer.Serialize(new object[]
        {
            entry.CaseId,
            entry.Sequence,
            entry.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            entry.Actor,
            entry.Action,
            entry.Detail,
            entry.PreviousHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
