using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace CloudApproval.Cases.Signing;

/// <summary>
/// <see cref="ISecretProtector"/> on ASP.NET Core Data Protection, with its key ring persisted to
/// <c>CasesSettings.KeyRingFolder</c> so that a restarted host still reads what an earlier one protected.
/// </summary>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    // The purpose isolates these payloads: nothing else protected with the same key ring unprotects as a signing key.
    private readonly IDataProtector _protector = provider.CreateProtector("CloudApproval.Applicants.SigningKey.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedText)
    {
        try
        {
            return _protector.Unprotect(protectedText);
        }
        catch (CryptographicException ex)
        {
            throw new CasesException("secret-unreadable", $"a protected signing key cannot be read with this key ring ({ex.Message}): was the key ring folder lost or replaced?");
        }
    }
}
