namespace CloudApproval.Cases.Applicants;

/// <summary>
/// Who a signed-in applicant applies as, one per user: an enterprise (unified social credit code and legal representative)
/// or a person (identity number), optionally through an agent; how far their real name was verified; the credit flags
/// that bar 告知承诺; and their consent to electronic service (电子送达), which the law requires before documents are served
/// electronically (Administrative Penalty Law art. 61).
/// </summary>
public sealed class ApplicantProfile
{
    public long Id { get; set; }
    public required string UserName { get; set; }
    public ApplicantKind Kind { get; set; }
    /// <summary>The enterprise's registered name, or the person's name.</summary>
    public required string Name { get; set; }
    public string? CreditCode { get; set; }
    public string? LegalRepresentativeName { get; set; }
    public string? LegalRepresentativeIdNumber { get; set; }
    /// <summary>The person's identity number (persons only).</summary>
    public string? IdNumber { get; set; }
    public string? AgentName { get; set; }
    public string? AgentIdNumber { get; set; }

    public RealNameLevel VerificationLevel { get; set; }
    public DateTime? VerifiedAt { get; set; }
    /// <summary>Which verification service answered (the embedded one, or a government identity platform).</summary>
    public string? VerifiedBy { get; set; }

    /// <summary>Listed for serious bad credit (严重失信主体名单).</summary>
    public bool SeriousBadCredit { get; set; }
    /// <summary>Made a false commitment (虚假承诺) in an earlier 告知承诺 case.</summary>
    public bool FalseCommitment { get; set; }
    public DateTime? CreditRecordedAt { get; set; }
    public string? CreditRecordedBy { get; set; }

    public bool EServiceConsented { get; set; }
    /// <summary>The kinds of document consented to, comma-separated (<see cref="EServiceScopes"/>).</summary>
    public string EServiceScope { get; set; } = "";
    /// <summary>When the consent was last given, changed or withdrawn.</summary>
    public DateTime? EServiceRecordedAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long RowVersion { get; set; }
}

public enum ApplicantKind
{
    Enterprise,
    Person,
}

/// <summary>How far an applicant's real name is established, weakest first.</summary>
public enum RealNameLevel
{
    /// <summary>Not verified.</summary>
    None,
    /// <summary>The codes pass their check characters and dates (the embedded verifier): well-formed, not proven.</summary>
    CodesChecked,
    /// <summary>Name and code match the population or enterprise registry.</summary>
    RegistryChecked,
    /// <summary>Registry match plus a live face or bank-card check.</summary>
    FaceChecked,
}

/// <summary>The kinds of document an applicant may agree to be served electronically.</summary>
public static class EServiceScopes
{
    /// <summary>Acceptance, correction and other procedural notices.</summary>
    public const string Notices = "notices";
    /// <summary>Licensing decisions, including refusals.</summary>
    public const string Decisions = "decisions";
    /// <summary>Electronic licences.</summary>
    public const string Licences = "licences";
    /// <summary>Supervision and enforcement documents (inspection notices, penalty decisions).</summary>
    public const string Enforcement = "enforcement";

    public static IReadOnlyList<string> All { get; } = [Notices, Decisions, Licences, Enforcement];
}
