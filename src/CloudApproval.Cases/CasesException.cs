namespace CloudApproval.Cases;

/// <summary>
/// An operation that cannot be done as asked (unknown task, claimed by another, stimulus refused by the procedure).
/// Nothing was changed. <see cref="Code"/> is stable for callers (the API maps it to a problem type and status).
/// </summary>
public sealed class CasesException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public override string ToString() => $"{Message} [{Code}]";
}
