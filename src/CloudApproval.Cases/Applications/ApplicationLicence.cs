namespace CloudApproval.Cases.Applications;

/// <summary>
/// A material satisfied by an e-licence the applicant holds (材料免提交): the licence is named instead of a file being
/// uploaded. Checked valid (the applicant's, of the material's type, not revoked, not expired) when attached and again
/// on submission.
/// </summary>
public sealed class ApplicationLicence
{
    public long Id { get; set; }
    public required string ApplicationId { get; set; }
    public required string MaterialCode { get; set; }
    public required string LicenceNumber { get; set; }
    public required string LicenceType { get; set; }
    /// <summary>The case that issued the licence.</summary>
    public required string IssuedByCase { get; set; }
    public DateOnly ValidUntil { get; set; }
    public DateTime AttachedAt { get; set; }
}
