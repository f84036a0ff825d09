namespace CloudApproval.Cases;

/// <summary>
/// Who does or receives something. Every use case records it (audit trail, claims, assignments), so an empty or blank
/// name is refused here, once for every caller, rather than recorded as nobody.
/// </summary>
internal static class Identity
{
    /// <summary>Refuses a missing, empty or whitespace identity; <paramref name="what"/> names it in the message.</summary>
    public static void Require(string? who, string what)
    {
        if (string.IsNullOrWhiteSpace(who))
            throw new CasesException("invalid-input", $"{what} is required: an empty or blank identity is not one");
    }
}
