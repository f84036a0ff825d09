namespace CloudApproval.Cases.Collaboration;

/// <summary>
/// An item of the assistance catalogue (行政协助事项): what one department may ask another for, who assists, within how
/// many working days, under which provisions, and optionally a data port that answers it at once.
/// </summary>
public sealed record AssistanceItem(
    string Code,
    AssistanceItemName Name,
    string Content,
    string AssistingDepartment,
    int TimeLimitWorkingDays,
    IReadOnlyList<AssistanceLegalBasis> LegalBasis,
    AssistanceDataPort? DataPort);

/// <summary>The item's name in both languages.</summary>
public sealed record AssistanceItemName(string Zh, string En);

/// <summary>One provision the assistance rests on.</summary>
public sealed record AssistanceLegalBasis(string Title, string Article);

/// <summary>
/// An automatic answer from data the system holds (信息共享), recorded as given by <c>system:data-port</c>.
/// <c>licence-held</c>: whether the requesting case's applicant holds a valid e-licence of <see cref="LicenceType"/>.
/// </summary>
public sealed record AssistanceDataPort(string Kind, string LicenceType)
{
    public static readonly IReadOnlyList<string> Kinds = ["licence-held"];
}
