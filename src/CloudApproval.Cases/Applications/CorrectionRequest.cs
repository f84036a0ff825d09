namespace CloudApproval.Cases.Applications;

/// <summary>
/// A correction request (补正, art. 32) on an application submitted online: every item (material, what is wrong, how to
/// fix it) in one notice, with the deadline and the consequence of missing it. The applicant answers it online with new
/// versions of the materials named. The case's notice carries the same items; this row is what the applicant answers.
/// </summary>
public sealed class CorrectionRequest
{
    public long Id { get; set; }
    public required string ApplicationId { get; set; }
    public required string CaseId { get; set; }
    /// <summary>The pre-review task whose outcome the request was.</summary>
    public long TaskId { get; set; }
    /// <summary>The items, a JSON array of {material, materialName, problem, fix}.</summary>
    public required string ItemsJson { get; set; }
    /// <summary>The end of the correction period (the procedure's deadline timer); null when the procedure sets none.</summary>
    public DateTime? DeadlineAt { get; set; }
    public string? Consequence { get; set; }
    public CorrectionStatus Status { get; set; }
    public required string RequestedBy { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
}

public enum CorrectionStatus
{
    Open,
    Answered,
}
