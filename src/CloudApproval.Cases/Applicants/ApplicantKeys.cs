using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Signing;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Applicants;

/// <summary>Issues and opens applicants' signing keys, inside the caller's transaction.</summary>
internal static class ApplicantKeys
{
    /// <summary>A new key pair for the applicant, added to <paramref name="db"/> (saved with the caller's changes).</summary>
    public static Sm2Key Issue(CasesDbContext db, string userName, ISecretProtector protector, DateTime now)
    {
        var key = Sm2Key.Generate();
        db.ApplicantKeys.Add(new ApplicantKey { UserName = userName, PublicKey = key.PublicKey, ProtectedPrivateKey = protector.Protect(key.ToPem()), CreatedAt = now });
        return key;
    }

    /// <summary>The applicant's key; one is issued when they have none (applicants registered before e-signatures).</summary>
    public static async Task<Sm2Key> OpenOrIssueAsync(CasesDbContext db, string userName, ISecretProtector protector, DateTime now, CancellationToken ct)
    {
        var stored = await db.ApplicantKeys.AsNoTracking().SingleOrDefaultAsync(k => k.UserName == userName, ct);
        if (stored is null) return Issue(db, userName, protector, now);
        var key = Sm2Key.FromPem(protector.Unprotect(stored.ProtectedPrivateKey), $"signing key of {userName}");
        if (key.PublicKey != stored.PublicKey)
            throw new CasesException("key-mismatch", $"the signing key of {userName} does not match its recorded public key: the key row was altered");
        return key;
    }

    /// <summary>The applicant's recorded public key, or null.</summary>
    public static Task<string?> PublicKeyAsync(CasesDbContext db, string userName, CancellationToken ct) =>
        db.ApplicantKeys.AsNoTracking().Where(k => k.UserName == userName).Select(k => k.PublicKey).SingleOrDefaultAsync(ct);
}
