using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace CloudApproval.Cases.Audit;

/// <summary>
/// The SM2 key (GB/T 32918, over SM3) that signs audit checkpoints. It lives in a file outside the database (PKCS#8
/// PEM, readable by its owner only), so someone who can write the database cannot sign a checkpoint of their own.
/// </summary>
internal sealed class CheckpointKey
{
    private readonly ECPrivateKeyParameters _private;

    private CheckpointKey(ECPrivateKeyParameters privateKey)
    {
        _private = privateKey;
        PublicKey = Convert.ToHexStringLower(privateKey.Parameters.G.Multiply(privateKey.D).Normalize().GetEncoded(false));
    }

    /// <summary>The public point, uncompressed, hex: what a checkpoint line names as its signer.</summary>
    public string PublicKey { get; }

    /// <summary>The key in the file; null when there is no file.</summary>
    public static CheckpointKey? Load(string path)
    {
        if (!File.Exists(path)) return null;
        var text = File.ReadAllText(path);
        try
        {
            var pem = PemEncoding.Find(text);
            var der = Convert.FromBase64String(text[pem.Base64Data]);
            return PrivateKeyFactory.CreateKey(der) is ECPrivateKeyParameters key
                ? new CheckpointKey(key)
                : throw new CasesException("invalid-key", $"{path}: not an SM2 private key");
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or IOException)
        {
            throw new CasesException("invalid-key", $"{path}: not a PEM private key ({ex.Message})");
        }
    }

    /// <summary>Creates a new key file; refuses to overwrite one.</summary>
    public static CheckpointKey Create(string path)
    {
        var curve = GMNamedCurves.GetByName("sm2p256v1");
        var domain = new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, curve);
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(domain, new SecureRandom()));
        var key = (ECPrivateKeyParameters)generator.GenerateKeyPair().Private;
        var pem = new string(PemEncoding.Write("PRIVATE KEY", PrivateKeyInfoFactory.CreatePrivateKeyInfo(key).GetDerEncoded()));
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new StreamWriter(path, Encoding.ASCII, options)) file.WriteLine(pem);
        return new CheckpointKey(key);
    }

    /// <summary>SM2 signature (DER, hex) over the UTF-8 text, with the standard default user id.</summary>
    public string Sign(string text)
    {
        var signer = new SM2Signer();
        signer.Init(true, new ParametersWithRandom(_private, new SecureRandom()));
        var bytes = Encoding.UTF8.GetBytes(text);
        signer.BlockUpdate(bytes, 0, bytes.Length);
        return Convert.ToHexStringLower(signer.GenerateSignature());
    }

    /// <summary>Whether <paramref name="signature"/> is the SM2 signature of <paramref name="text"/> by <paramref name="publicKey"/>.</summary>
    public static bool Verify(string text, string signature, string publicKey)
    {
        try
        {
            var curve = GMNamedCurves.GetByName("sm2p256v1");
            var point = curve.Curve.DecodePoint(Convert.FromHexString(publicKey));
            var signer = new SM2Signer();
            signer.Init(false, new ECPublicKeyParameters(point, new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, curve)));
            var bytes = Encoding.UTF8.GetBytes(text);
            signer.BlockUpdate(bytes, 0, bytes.Length);
            return signer.VerifySignature(Convert.FromHexString(signature));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or CryptoException)
        {
            return false;
        }
    }
}
