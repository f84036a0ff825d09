namespace CloudApproval.Cases.Persistence;

/// <summary>Where cases live.</summary>
public sealed record DatabaseOptions
{
    /// <summary>Sqlite (default, embedded) or SqlServer.</summary>
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite: the database file (created with its folder). Default <c>./data/cloudapproval.db</c>.</summary>
    public string SqlitePath { get; init; } = Path.Combine("data", "cloudapproval.db");

    /// <summary>
    /// SQLite: refuse a missing file instead of creating it (for callers that only read or change existing cases: bad
    /// input changes nothing, not even the file system).
    /// </summary>
    public bool MustExist { get; init; }

    /// <summary>SQL Server: the connection string (from configuration or the environment, never from the repository).</summary>
    public string? SqlServerConnectionString { get; init; }

    /// <summary>SQLite durability: FULL (default, survives power loss) or NORMAL (survives process crashes only).</summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Full;
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

public enum SqliteSynchronous
{
    Full,
    Normal,
}
