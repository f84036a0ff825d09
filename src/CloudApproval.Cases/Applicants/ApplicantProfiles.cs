using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Signing;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Applicants;

/// <summary>
/// An applicant's own profile: read and save (checked field by field, the real name verified through the port when the
/// identity changes), and the credit flags, which only the credit record (an administrator or the system) may set.
/// </summary>
public sealed class ApplicantProfiles(CasesDbFactory factory, IRealNameVerification verification, ISecretProtector protector, TimeProvider time)
{
    /// <summary>The caller's profile; <c>unknown-profile</c> (not found) before the first save.</summary>
    public async Task<ApplicantProfileView> GetAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("read an applicant profile", ActorRoles.Applicant);
        await using var db = factory.CreateDbContext();
        var profile = await db.ApplicantProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserName == actor.Id, cancellationToken)
            ?? throw new CasesException("unknown-profile", $"{actor.Id} has no applicant profile yet: save one first");
        return ApplicantProfileView.Of(profile);
    }

    /// <summary>Creates or replaces the caller's profile. Invalid input is refused naming every field, and nothing changes.</summary>
    public async Task<ApplicantProfileView> SaveAsync(ProfileInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("save an applicant profile", ActorRoles.Applicant);
        var now = time.GetUtcNow().UtcDateTime;
        var checkedInput = ProfileRules.Check(input, DateOnly.FromDateTime(now));

        await using var db = factory.CreateDbContext();
        var profile = await db.ApplicantProfiles.SingleOrDefaultAsync(p => p.UserName == actor.Id, cancellationToken);
        var identityChanged = profile is null || profile.Kind != checkedInput.Kind || profile.Name != checkedInput.Name
            || profile.CreditCode != checkedInput.CreditCode || profile.IdNumber != checkedInput.IdNumber
            || profile.LegalRepresentativeIdNumber != checkedInput.LegalRepresentative?.IdNumber;
        if (profile is null)
        {
            profile = new ApplicantProfile { UserName = actor.Id, Name = checkedInput.Name, CreatedAt = now };
            db.ApplicantProfiles.Add(profile);
            // Registration issues the applicant's e-signature key with the profile (one who submitted before has one).
            if (!await db.ApplicantKeys.AnyAsync(k => k.UserName == actor.Id, cancellationToken))
                ApplicantKeys.Issue(db, actor.Id, protector, now);
        }
        else profile.RowVersion++;
        if (identityChanged)
        {
            var verdict = await verification.VerifyAsync(new RealNameClaim(checkedInput.Kind, checkedInput.Name, checkedInput.CreditCode,
                checkedInput.IdNumber, checkedInput.LegalRepresentative?.IdNumber), cancellationToken);
            if (verdict.Refusal is not null) throw new CasesException("real-name-refused", $"real-name verification ({verdict.Verifier}) refused: {verdict.Refusal}");
            profile.VerificationLevel = verdict.Level;
            profile.VerifiedAt = now;
            profile.VerifiedBy = verdict.Verifier;
        }
        profile.Kind = checkedInput.Kind;
        profile.Name = checkedInput.Name;
        profile.CreditCode = checkedInput.CreditCode;
        profile.LegalRepresentativeName = checkedInput.LegalRepresentative?.Name;
        profile.LegalRepresentativeIdNumber = checkedInput.LegalRepresentative?.IdNumber;
        profile.IdNumber = checkedInput.IdNumber;
        profile.AgentName = checkedInput.Agent?.Name;
        profile.AgentIdNumber = checkedInput.Agent?.IdNumber;
        var scope = string.Join(',', checkedInput.EServiceScope);
        // The time of consent is evidence (a document served electronically needs consent given before): it moves only
        // when the consent itself changes, not on every save of the profile.
        if (profile.EServiceConsented != checkedInput.EServiceConsented || profile.EServiceScope != scope || profile.EServiceRecordedAt is null)
        {
            profile.EServiceConsented = checkedInput.EServiceConsented;
            profile.EServiceScope = scope;
            profile.EServiceRecordedAt = now;
        }
        profile.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || WriteConflicts.IsLostRace(ex))
        {
            throw new CasesException("concurrent-change", $"{actor.Id}'s profile was saved by another request at the same time: read it and try again");
        }
        return ApplicantProfileView.Of(profile);
    }

    /// <summary>
    /// Records the credit flags from the credit record (信用信息平台). Not the applicant's to set: administrators, the
    /// operator or the system only.
    /// </summary>
    public async Task<ApplicantProfileView> RecordCreditAsync(string userName, bool seriousBadCredit, bool falseCommitment, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("record credit flags", ActorRoles.Admin);
        await using var db = factory.CreateDbContext();
        var profile = await db.ApplicantProfiles.SingleOrDefaultAsync(p => p.UserName == userName, cancellationToken)
            ?? throw new CasesException("unknown-profile", $"{userName} has no applicant profile");
        profile.SeriousBadCredit = seriousBadCredit;
        profile.FalseCommitment = falseCommitment;
        profile.CreditRecordedAt = time.GetUtcNow().UtcDateTime;
        profile.CreditRecordedBy = actor.Recorded;
        profile.RowVersion++;
        await db.SaveChangesAsync(cancellationToken);
        return ApplicantProfileView.Of(profile);
    }
}
