namespace CloudApproval.Cases.Applicants;

/// <summary>
/// An applicant's SM2 signing key (e-signature, 电子签名): the public key in clear, the private key only protected
/// (<see cref="Signing.ISecretProtector"/>), so that the database alone never signs as the applicant.
/// </summary>
public sealed class ApplicantKey
{
    public long Id { get; set; }
    public required string UserName { get; set; }
    /// <summary>The public point, uncompressed, hex (what each signature names).</summary>
    public required string PublicKey { get; set; }
    /// <summary>The PKCS#8 PEM private key, protected.</summary>
    public required string ProtectedPrivateKey { get; set; }
    public DateTime CreatedAt { get; set; }
}
