using CloudApproval.Cases.Applicants;
using CloudApproval.Cases.Matters;
using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Applications;

/// <summary>
/// What choosing 告知承诺 on a draft would mean, before the applicant chooses it: the full text of the commitment letter
/// they would sign (the very words the submission signs), the materials it would waive, and whether the applicant may
/// use it at all (the same eligibility rule the submission applies, so the portal can refuse it where it is chosen).
/// </summary>
public sealed class CommitmentPreview(CasesDbFactory factory, MatterCatalog catalog)
{
    /// <summary>The refusal's code when the applicant has no profile yet (the portal links to the profile page then).</summary>
    public const string ProfileRequired = "profile-required";

    public async Task<CommitmentPreviewView> RunAsync(string applicationId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("read a commitment letter", ActorRoles.Applicant);
        await using var db = factory.CreateDbContext();
        var application = await ApplicationReader.OwnAsync(db, applicationId, actor, cancellationToken);
        var matter = await catalog.GetAsync(application.MatterCode, cancellationToken);
        var present = await db.ApplicationMaterials.AsNoTracking().Where(m => m.ApplicationId == application.Id).Select(m => m.MaterialCode)
            .Concat(db.ApplicationLicences.AsNoTracking().Where(l => l.ApplicationId == application.Id).Select(l => l.MaterialCode))
            .ToListAsync(cancellationToken);
        var waived = SubmitRules.Check(matter, present.ToHashSet(StringComparer.Ordinal), commitment: true).WaivedByCommitment;
        var eligibility = await EligibilityAsync(db, matter, actor.Id, cancellationToken);
        return new CommitmentPreviewView(CanonicalStatements.CommitmentText(application, matter, waived), waived, eligibility);
    }

    /// <summary>
    /// Whether the applicant may apply on a commitment: the eligibility rule on their profile; without a profile, refused
    /// (a commitment is signed as a verified applicant).
    /// </summary>
    internal static async Task<Eligibility> EligibilityAsync(CasesDbContext db, Matter matter, string applicant, CancellationToken ct)
    {
        var profile = await db.ApplicantProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserName == applicant, ct);
        return profile is null
            ? Eligibility.Refused(ProfileRequired, $"{applicant} has no applicant profile: a commitment (告知承诺) is signed as a verified applicant, so save the profile first")
            : ApplicantEligibility.ForCommitment(ApplicantProfileView.Of(profile), matter);
    }
}

/// <summary>The commitment letter's text, the materials it waives, and whether the applicant may sign it.</summary>
public sealed record CommitmentPreviewView(string Text, IReadOnlyList<string> Waives, Eligibility Eligibility);
