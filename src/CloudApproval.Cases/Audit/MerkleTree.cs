using System.Security.Cryptography;
using System.Text;

namespace CloudApproval.Cases.Audit;

/// <summary>
/// A Merkle root over leaf texts (RFC 6962 style): a leaf hashes as SHA-256(0x00 ‖ text), a node as
/// SHA-256(0x01 ‖ left ‖ right), an odd node is carried up unpaired, so no two different lists share a root.
/// </summary>
internal static class MerkleTree
{
    public static string Root(IEnumerable<string> leaves)
    {
        var level = leaves.Select(l => Hash(0, Encoding.UTF8.GetBytes(l))).ToList();
        if (level.Count == 0) return Convert.ToHexStringLower(SHA256.HashData([]));
        while (level.Count > 1)
        {
            var next = new List<byte[]>((level.Count + 1) / 2);
            for (var i = 0; i < level.Count; i += 2)
                next.Add(i + 1 < level.Count ? Hash(1, [.. level[i], .. level[i + 1]]) : level[i]);
            level = next;
        }
        return Convert.ToHexStringLower(level[0]);
    }

    private static byte[] Hash(byte prefix, byte[] content) => SHA256.HashData([prefix, .. content]);
}
