namespace CloudApproval.Cases.Signing;

/// <summary>
/// Protects secrets at rest (an applicant's private signing key): what is stored is unreadable without the protector's
/// own key ring, which lives outside the database. A deployment may plug in an HSM or a key vault instead.
/// </summary>
public interface ISecretProtector
{
    string Protect(string secret);

    /// <summary>The secret; <c>secret-unreadable</c> when the text was not protected by this key ring (or was altered).</summary>
    string Unprotect(string protectedText);
}
