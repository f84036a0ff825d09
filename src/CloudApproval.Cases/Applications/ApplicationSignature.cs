namespace CloudApproval.Cases.Applications;

/// <summary>
/// A statement of an application signed by its applicant (SM2 over SM3): the application itself (one per revision),
/// the commitment letter (告知承诺书) or the deficiency undertaking (容缺承诺). The exact canonical text signed is kept
/// with the signature and the public key, so anyone can check it later without trusting the database.
/// </summary>
public sealed class ApplicationSignature
{
    public long Id { get; set; }
    public required string ApplicationId { get; set; }
    /// <summary>application, commitment-letter or deficiency-undertaking.</summary>
    public required string Kind { get; set; }
    /// <summary>The application's revision the statement belongs to.</summary>
    public int Revision { get; set; }
    public required string Signer { get; set; }
    public required string CanonicalText { get; set; }
    /// <summary>SM2 signature (DER, hex) over the UTF-8 canonical text.</summary>
    public required string Signature { get; set; }
    public required string PublicKey { get; set; }
    public DateTime SignedAt { get; set; }
}

/// <summary>The kinds of signed statements.</summary>
public static class StatementKinds
{
    public const string Application = "application";
    public const string CommitmentLetter = "commitment-letter";
    public const string DeficiencyUndertaking = "deficiency-undertaking";
}
