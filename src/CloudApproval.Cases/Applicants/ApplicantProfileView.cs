namespace CloudApproval.Cases.Applicants;

/// <summary>An applicant profile as callers see it.</summary>
public sealed record ApplicantProfileView(
    string UserName,
    ApplicantKind Kind,
    string Name,
    string? CreditCode,
    PersonView? LegalRepresentative,
    string? IdNumber,
    PersonView? Agent,
    RealNameView RealName,
    CreditView Credit,
    EServiceView ElectronicService,
    DateTime UpdatedAt)
{
    internal static ApplicantProfileView Of(ApplicantProfile p) => new(
        p.UserName, p.Kind, p.Name, p.CreditCode,
        p.LegalRepresentativeName is null ? null : new PersonView(p.LegalRepresentativeName, p.LegalRepresentativeIdNumber!),
        p.IdNumber,
        p.AgentName is null ? null : new PersonView(p.AgentName, p.AgentIdNumber!),
        new RealNameView(p.VerificationLevel, p.VerifiedAt, p.VerifiedBy),
        new CreditView(p.SeriousBadCredit, p.FalseCommitment, p.CreditRecordedAt),
        new EServiceView(p.EServiceConsented, p.EServiceScope.Length == 0 ? [] : p.EServiceScope.Split(','), p.EServiceRecordedAt),
        p.UpdatedAt);
}

public sealed record PersonView(string Name, string IdNumber);

/// <summary>The level reached, when, and by which verifier.</summary>
public sealed record RealNameView(RealNameLevel Level, DateTime? VerifiedAt, string? VerifiedBy);

/// <summary>The credit flags that bar 告知承诺, and when they were last recorded.</summary>
public sealed record CreditView(bool SeriousBadCredit, bool FalseCommitment, DateTime? RecordedAt);

/// <summary>Consent to electronic service: given or not, for which documents, recorded when.</summary>
public sealed record EServiceView(bool Consented, IReadOnlyList<string> Scope, DateTime? RecordedAt);
