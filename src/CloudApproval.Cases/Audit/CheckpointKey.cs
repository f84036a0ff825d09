using CloudApproval.Cases.Signing;

namespace CloudApproval.Cases.Audit;

/// <summary>
/// The SM2 key that signs audit checkpoints. It lives in a file outside the database (PKCS#8 PEM, readable by its owner
/// only), so someone who can write the database cannot sign a checkpoint of their own.
/// </summary>
internal static class CheckpointKey
{
    /// <summary>The key in the file; null when there is no file.</summary>
    public static Sm2Key? Load(string path) => Sm2Key.Load(path);

    /// <summary>Creates a new key file; refuses to overwrite one.</summary>
    public static Sm2Key Create(string path)
    {
        var key = Sm2Key.Generate();
        key.SaveNew(path);
        return key;
    }

    /// <summary>Whether <paramref name="signature"/> is the SM2 signature of <paramref name="text"/> by <paramref name="publicKey"/>.</summary>
    public static bool Verify(string text, string signature, string publicKey) => Sm2Key.Verify(text, signature, publicKey);
}
