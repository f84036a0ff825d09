using System.Security.Cryptography;
using System.Text;

namespace CloudApproval.Cases.Definitions;

internal static class ContentHash
{
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
