namespace CloudApproval.Tests.Shared;

/// <summary>NUnit categories that tools/test.sh selects by.</summary>
internal static class TestCategories
{
    /// <summary>
    /// The HTTP surface: authorization, bad input, problem mapping, sign-in, headers. Answered before or apart from the
    /// database, so they run on SQLite only: the PostgreSQL pass (<c>TestCategory!=HttpSurface</c>) keeps within CI's time.
    /// </summary>
    public const string HttpSurface = "HttpSurface";

    /// <summary>Two web hosts as processes on one PostgreSQL database (skipped on SQLite).</summary>
    public const string TwoNodes = "TwoNodes";
}
