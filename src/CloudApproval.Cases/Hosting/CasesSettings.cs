using CloudApproval.Cases.Persistence;

namespace CloudApproval.Cases.Hosting;

/// <summary>How the case-management shell is wired: database, workflows folder (calendars), Hangfire storage.</summary>
public sealed record CasesSettings
{
    public DatabaseOptions Database { get; init; } = new();

    /// <summary>The folder holding <c>calendars/</c> and the procedure files.</summary>
    public required string WorkflowsFolder { get; init; }

    /// <summary>SQLite only: Hangfire's own database file; default beside the cases database.</summary>
    public string? HangfireSqlitePath { get; init; }

    internal string HangfirePath => HangfireSqlitePath
        ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Database.SqlitePath))!, Path.GetFileNameWithoutExtension(Database.SqlitePath) + "-hangfire.db");
}
