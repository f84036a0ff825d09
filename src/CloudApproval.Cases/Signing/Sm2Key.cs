using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace CloudApproval.Cases.Signing;

/// <summary>
/// An SM2 key pair (GB/T 32918 on the sm2p256v1 curve; the signature is over the SM3 digest of the signer's id and the
/// message, as the standard defines it, with the standard default user id). Everything that signs in the product uses
/// it: audit checkpoints, department e-seals, applicants' e-signatures.
/// </summary>
public sealed class Sm2Key
{
    private static readonly X9ECParameters Curve = GMNamedCurves.GetByName("sm2p256v1");
    private static readonly ECNamedDomainParameters Domain = new(GMObjectIdentifiers.sm2p256v1, Curve);
    private readonly ECPrivateKeyParameters _private;

    private Sm2Key(ECPrivateKeyParameters privateKey)
    {
        _private = privateKey;
        PublicKey = Convert.ToHexStringLower(privateKey.Parameters.G.Multiply(privateKey.D).Normalize().GetEncoded(false));
    }

    /// <summary>The public point, uncompressed, hex: what a signature names as its signer.</summary>
    public string PublicKey { get; }

    /// <summary>A new random key pair.</summary>
    public static Sm2Key Generate()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Domain, new SecureRandom()));
        return new Sm2Key((ECPrivateKeyParameters)generator.GenerateKeyPair().Private);
    }

    /// <summary>The key in PKCS#8 PEM text; <paramref name="source"/> names where it came from in the error.</summary>
    public static Sm2Key FromPem(string text, string source)
    {
        try
        {
            var pem = PemEncoding.Find(text);
            var der = Convert.FromBase64String(text[pem.Base64Data]);
            return PrivateKeyFactory.CreateKey(der) is ECPrivateKeyParameters key
                ? new Sm2Key(key)
                : throw new CasesException("invalid-key", $"{source}: not an SM2 private key");
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or IOException)
        {
            throw new CasesException("invalid-key", $"{source}: not a PEM private key ({ex.Message})");
        }
    }

    /// <summary>The private key as PKCS#8 PEM text. Whoever holds it signs as this key: store it protected.</summary>
    public string ToPem() =>
        new(PemEncoding.Write("PRIVATE KEY", PrivateKeyInfoFactory.CreatePrivateKeyInfo(_private).GetDerEncoded()));

    /// <summary>Loads the key file; null when there is none.</summary>
    public static Sm2Key? Load(string path) => File.Exists(path) ? FromPem(File.ReadAllText(path), path) : null;

    /// <summary>
    /// Writes the key to a new file readable by its owner only; refuses (IOException) to overwrite one. The file appears
    /// whole or not at all (written aside, then moved), so a reader never finds it half written.
    /// </summary>
    public void SaveNew(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var aside = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var file = new StreamWriter(aside, Encoding.ASCII, options)) file.WriteLine(ToPem());
            File.Move(aside, full, overwrite: false);
        }
        finally
        {
            File.Delete(aside);
        }
    }

    /// <summary>SM2 signature (DER, hex) over the bytes.</summary>
    public string Sign(ReadOnlySpan<byte> message)
    {
        var signer = new SM2Signer();
        signer.Init(true, new ParametersWithRandom(_private, new SecureRandom()));
        signer.BlockUpdate(message);
        return Convert.ToHexStringLower(signer.GenerateSignature());
    }

    /// <summary>SM2 signature (DER, hex) over the UTF-8 text.</summary>
    public string Sign(string text) => Sign(Encoding.UTF8.GetBytes(text));

    /// <summary>Whether <paramref name="signature"/> is the SM2 signature of the bytes by <paramref name="publicKey"/>.</summary>
    public static bool Verify(ReadOnlySpan<byte> message, string signature, string publicKey)
    {
        try
        {
            var point = Curve.Curve.DecodePoint(Convert.FromHexString(publicKey));
            var signer = new SM2Signer();
            signer.Init(false, new ECPublicKeyParameters(point, Domain));
            signer.BlockUpdate(message);
            return signer.VerifySignature(Convert.FromHexString(signature));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or CryptoException)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="signature"/> is the SM2 signature of the UTF-8 text by <paramref name="publicKey"/>.</summary>
    public static bool Verify(string text, string signature, string publicKey) => Verify(Encoding.UTF8.GetBytes(text), signature, publicKey);

    /// <summary>The SM3 digest (GB/T 32905) of the bytes, hex: the digest a seal or signature names.</summary>
    public static string Sm3(ReadOnlySpan<byte> bytes)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(bytes);
        var result = new byte[digest.GetDigestSize()];
        digest.DoFinal(result);
        return Convert.ToHexStringLower(result);
    }
}
