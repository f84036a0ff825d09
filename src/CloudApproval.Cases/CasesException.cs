namespace CloudApproval.Cases;

/// <summary>
/// An operation that cannot be done as asked (unknown task, claimed by another, stimulus refused by the procedure).
/// Nothing was changed. <see cref="Code"/> is stable for callers; <see cref="Kind"/> says what sort of refusal it is, so
/// that every caller (the API's problem details, the CLI's exit codes) answers alike without a table of its own.
/// </summary>
public sealed class CasesException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public RefusalKind Kind { get; } = KindOf(code);

    /// <summary>
    /// Stored data failed its audit trail or content hash: nothing was done, and doing it again meets the same refusal
    /// until an administrator has looked (<c>audit verify</c> names what changed).
    /// </summary>
    public bool IsStoredDataAltered => Code is AlteredRow or DefinitionAltered or CorruptState;

    public const string AlteredRow = "altered-row";
    public const string DefinitionAltered = "definition-altered";
    public const string CorruptState = "corrupt-state";

    public override string ToString() => $"{Message} [{Code}]";

    /// <summary>The kind of the refusals this layer raises, by their stable code.</summary>
    public static RefusalKind KindOf(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code switch
        {
            "not-found" => RefusalKind.NotFound,
            _ when code.StartsWith("unknown-", StringComparison.Ordinal) => RefusalKind.NotFound,
            "conflict-of-interest" or "forbidden" or "rejected-wrong-sender" => RefusalKind.Forbidden,
            "concurrent-change" or "stale-draft" or "claimed-by-other" or "already-claimed" or "not-claimed" or "task-closed"
                or "published-version-changed" or "not-a-draft" or "not-published" or "version-not-published"
                or "concurrent-checkpoint" or "application-submitted" or "correction-not-open" or "correction-open" or "case-open" or "case-closed" or "archive-pending" or "document-missing"
                or "licence-revoked" or "licence-delivered" or "extension-applied" or "licence-renewed" or "renewal-pending" or "nothing-deferred" or "no-recipients" => RefusalKind.Conflict,
            // A protected signing key that no longer opens, or no longer matches its public key: stored data, not the caller.
            "secret-unreadable" or "key-mismatch" => RefusalKind.Conflict,
            // Stored data that no longer matches its audit trail or hash: not the caller's fault, and nothing was done.
            AlteredRow or DefinitionAltered or CorruptState => RefusalKind.Conflict,
            // The engine refusing a value that is no plain JSON (too long, not a number) refuses bad input, not a step.
            "rejected-invalid-input" or "rejected-invalid-value" => RefusalKind.Invalid,
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
