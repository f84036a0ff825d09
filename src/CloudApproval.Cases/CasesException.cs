namespace CloudApproval.Cases;

/// <summary>
/// An operation that cannot be done as asked (unknown task, claimed by another, stimulus refused by the procedure).
/// Nothing was changed. <see cref="Code"/> is stable for callers; <see cref="Kind"/> says what sort of refusal it is, so
/// that every caller (the API's problem details, the CLI's exit codes) answers alike without a table of its own.
/// </summary>
public sealed class CasesException(string code, string message, RefusalKind? kind = null) : Exception(message)
{
    public string Code { get; } = code;

    public RefusalKind Kind { get; } = kind ?? KindOf(code);

    public override string ToString() => $"{Message} [{Code}]";

    /// <summary>The kind of the refusals this layer raises, by their stable code.</summary>
    public static RefusalKind KindOf(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code switch
        {
            "not-found" => RefusalKind.NotFound,
            _ when code.StartsWith("unknown-", StringComparison.Ordinal) => RefusalKind.NotFound,
            "forbidden" or "conflict-of-interest" => RefusalKind.Forbidden,
            "concurrent-change" or "conflict" or "claimed-by-other" or "already-claimed" or "not-claimed" or "task-closed"
                or "published-version-changed" or "not-a-draft" or "not-published" or "version-not-published"
                or "concurrent-checkpoint" => RefusalKind.Conflict,
            // Stored data that no longer matches its audit trail or hash: not the caller's fault, and nothing was done.
            "altered-row" or "definition-altered" or "corrupt-state" => RefusalKind.Conflict,
            _ when code.StartsWith("rejected-", StringComparison.Ordinal) => RefusalKind.Rejected,
            _ => RefusalKind.Invalid,
        };
    }
}

/// <summary>What sort of refusal a <see cref="CasesException"/> is.</summary>
public enum RefusalKind
{
    /// <summary>What was addressed does not exist (or is not the caller's to see).</summary>
    NotFound,
    /// <summary>The caller may not do this.</summary>
    Forbidden,
    /// <summary>The state changed or stands in the way (a race, a claimed task, a closed task, altered data).</summary>
    Conflict,
    /// <summary>The request itself is wrong (bad input, an invalid definition).</summary>
    Invalid,
    /// <summary>The procedure refused the stimulus (an outcome the task does not allow, an event nothing waits for).</summary>
    Rejected,
}
