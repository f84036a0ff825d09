using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Signing;

namespace CloudApproval.Cases.Documents;

/// <summary>
/// A department's electronic seal on some bytes (a notice, a licence, an archive manifest): the SM2 signature over the
/// SM3 digest of exactly those bytes. Any changed byte changes the digest and the seal no longer verifies.
/// </summary>
/// <param name="SealId">The seal's id as printed on the document (department and the key's fingerprint).</param>
/// <param name="Department">The department whose seal it is.</param>
/// <param name="Digest">SM3 of the sealed bytes, hex.</param>
/// <param name="Signature">SM2 signature (DER, hex).</param>
/// <param name="PublicKey">The sealing key's public point, hex.</param>
public sealed record Seal(string SealId, string Department, string Digest, string Signature, string PublicKey)
{
    /// <summary>The algorithm, as verification reports name it.</summary>
    public const string Algorithm = "SM2-with-SM3";
}

/// <summary>What checking a seal found; <see cref="Problem"/> names the first thing that does not hold.</summary>
public sealed record SealCheck(bool DigestMatches, bool SignatureValid, bool KeyIsDepartments, string? Problem)
{
    public bool Valid => DigestMatches && SignatureValid && KeyIsDepartments;
}

/// <summary>
/// The departments' e-seal keys (one SM2 key per department, a PEM file in <see cref="CasesSettings.SealKeysFolder"/>),
/// sealing and checking seals. A seal is checked against the department's own key, never only against the public key
/// stored beside the document: whoever could rewrite a document row could store a key of their own there too.
/// </summary>
public sealed partial class DepartmentSeals(CasesSettings settings)
{
    private readonly ConcurrentDictionary<string, Sm2Key> _keys = new(StringComparer.Ordinal);
    private readonly Lock _creating = new();

    /// <summary>Seals the bytes with the department's key.</summary>
    public Seal Sign(string department, ReadOnlySpan<byte> bytes)
    {
        var key = KeyOf(department);
        return new Seal(SealIdOf(department, key), department, Sm2Key.Sm3(bytes), key.Sign(bytes), key.PublicKey);
    }

    /// <summary>Checks that <paramref name="seal"/> is the department's seal over exactly these bytes.</summary>
    public SealCheck Verify(Seal seal, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(seal);
        var digestMatches = string.Equals(Sm2Key.Sm3(bytes), seal.Digest, StringComparison.Ordinal);
        var signatureValid = Sm2Key.Verify(bytes, seal.Signature, seal.PublicKey);
        var departmentKey = TryKeyOf(seal.Department)?.PublicKey;
        var keyIsDepartments = string.Equals(departmentKey, seal.PublicKey, StringComparison.Ordinal);
        var problem = !digestMatches ? "the content changed after sealing (SM3 digest differs)"
            : !signatureValid ? "the seal's signature does not verify"
            : departmentKey is null ? $"no seal key is known for department '{seal.Department}'"
            : !keyIsDepartments ? $"the seal was not made with the key of department '{seal.Department}'"
            : null;
        return new SealCheck(digestMatches, signatureValid, keyIsDepartments, problem);
    }

    /// <summary>The department's seal id and public key, for a public list of seals.</summary>
    public (string SealId, string PublicKey) PublicOf(string department)
    {
        var key = KeyOf(department);
        return (SealIdOf(department, key), key.PublicKey);
    }

    private static string SealIdOf(string department, Sm2Key key) =>
        $"{department}:{Sm2Key.Sm3(Encoding.ASCII.GetBytes(key.PublicKey))[..12]}";

    private Sm2Key KeyOf(string department) =>
        TryKeyOf(department) ?? (settings.GenerateMissingSealKeys
            ? Create(department)
            : throw new CasesException("no-seal-key", $"department '{department}' has no e-seal key: put its PKCS#8 PEM at {PathOf(department)}"));

    private Sm2Key? TryKeyOf(string department)
    {
        if (_keys.TryGetValue(department, out var key)) return key;
        if (Sm2Key.Load(PathOf(department)) is not { } loaded) return null;
        return _keys.GetOrAdd(department, loaded);
    }

    private Sm2Key Create(string department)
    {
        lock (_creating)
        {
            if (TryKeyOf(department) is { } existing) return existing;
            var key = Sm2Key.Generate();
            try
            {
                key.SaveNew(PathOf(department));
            }
            catch (IOException) when (File.Exists(PathOf(department)))
            {
                // Another process created it first: theirs is the department's key.
                return TryKeyOf(department)!;
            }
            return _keys.GetOrAdd(department, key);
        }
    }

    private string PathOf(string department) =>
        DepartmentSlug().IsMatch(department)
            ? Path.Combine(settings.SealKeysPath, department + ".pem")
            : throw new CasesException("invalid-department", $"'{department}' is not a department slug (lower-case letters, digits and '-')");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,99}$")]
    private static partial Regex DepartmentSlug();
}
