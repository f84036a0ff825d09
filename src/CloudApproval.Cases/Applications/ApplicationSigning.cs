using CloudApproval.Cases.Applicants;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Signing;

namespace CloudApproval.Cases.Applications;

/// <summary>
/// Signs an application's statements with its applicant's key, inside the caller's transaction: the signature rows are
/// saved with the submission (or the answered correction) or not at all.
/// </summary>
internal static class ApplicationSigning
{
    public static ApplicationSignature Sign(CasesDbContext db, Application application, string kind, string canonicalText, Sm2Key key, DateTime now)
    {
        var row = new ApplicationSignature
        {
            ApplicationId = application.Id,
            Kind = kind,
            Revision = application.Revision,
            Signer = application.Applicant,
            CanonicalText = canonicalText,
            Signature = key.Sign(canonicalText),
            PublicKey = key.PublicKey,
            SignedAt = now,
        };
        db.ApplicationSignatures.Add(row);
        return row;
    }

    public static Task<Sm2Key> KeyAsync(CasesDbContext db, Application application, ISecretProtector protector, DateTime now, CancellationToken ct) =>
        ApplicantKeys.OpenOrIssueAsync(db, application.Applicant, protector, now, ct);
}
