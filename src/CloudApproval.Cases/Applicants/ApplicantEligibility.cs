using CloudApproval.Cases.Matters;

namespace CloudApproval.Cases.Applicants;

/// <summary>Who may use what: the rules about an applicant and a matter, used when a case is applied for.</summary>
public static class ApplicantEligibility
{
    /// <summary>
    /// Whether the applicant may apply for the matter on a signed commitment (告知承诺). Refused when the matter does not
    /// offer it, when the applicant is flagged for serious bad credit or an earlier false commitment (always, whatever the
    /// matter file lists), or when the matter excludes the applicant's kind or applications through an agent.
    /// </summary>
    public static Eligibility ForCommitment(ApplicantProfileView profile, Matter matter)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(matter);
        var name = $"{matter.Name.Zh} ({matter.Code})";
        if (!matter.Commitment.Offered)
            return Eligibility.Refused("commitment-not-offered", $"{name} does not offer approval on a commitment (告知承诺)");
        if (profile.Credit.SeriousBadCredit)
            return Eligibility.Refused(MatterVocabulary.SeriousBadCredit, $"{profile.Name} is listed for serious bad credit (严重失信) and may not apply on a commitment");
        if (profile.Credit.FalseCommitment)
            return Eligibility.Refused(MatterVocabulary.FalseCommitment, $"{profile.Name} made a false commitment before (虚假承诺) and may not apply on a commitment");
        var excluded = matter.Commitment.ExcludedApplicants;
        if (profile.Kind == ApplicantKind.Person && excluded.Contains(MatterVocabulary.Persons))
            return Eligibility.Refused(MatterVocabulary.Persons, $"{name} offers 告知承诺 to enterprises and organisations only, not to persons");
        if (profile.Kind == ApplicantKind.Enterprise && excluded.Contains(MatterVocabulary.Enterprises))
            return Eligibility.Refused(MatterVocabulary.Enterprises, $"{name} offers 告知承诺 to persons only, not to enterprises");
        if (profile.Agent is not null && excluded.Contains(MatterVocabulary.ThroughAgent))
            return Eligibility.Refused(MatterVocabulary.ThroughAgent, $"{name} requires the applicant to sign the commitment in person, not through an agent");
        return Eligibility.Allowed;
    }
}

/// <summary>A rule's answer: allowed, or refused with a stable code and a reason for people.</summary>
public sealed record Eligibility(bool IsAllowed, string? Code, string? Reason)
{
    public static Eligibility Allowed { get; } = new(true, null, null);

    public static Eligibility Refused(string code, string reason) => new(false, code, reason);
}
