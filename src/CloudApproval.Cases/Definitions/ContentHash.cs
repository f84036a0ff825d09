using System.Security.Cryptography;
using System.Text;

namespace CloudApproval.Cases.Definitions;

internal static class ContentHash
{
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Null when the stored text still has the hash recorded at import; else what is wrong, naming both hashes.</summary>
    public static string? Mismatch(ProcedureVersion row)
    {
        var computed = Of(row.Json);
        return computed == row.ContentHash
            ? null
            : $"procedure {row.DefinitionId} v{row.Version} was altered in the store: stored hash {row.ContentHash}, computed {computed}";
    }
}
