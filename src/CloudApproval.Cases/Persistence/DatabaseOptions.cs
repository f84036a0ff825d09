namespace CloudApproval.Cases.Persistence;

/// <summary>Where cases live.</summary>
public sealed record DatabaseOptions
{
    /// <summary>Sqlite (default, embedded), SqlServer or PostgreSql.</summary>
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

    /// <summary>PostgreSQL: the Npgsql connection string (from configuration or the environment, never from the repository).</summary>
    public string? PostgreSqlConnectionString { get; init; }

    /// <summary>
    /// Migrate at start (the default). A cluster of nodes on one server database migrates once beforehand
    /// (<c>CloudApproval.Web migrate</c>) and starts its nodes with this off, so two nodes starting at once never race to
    /// create the same tables (ours or Hangfire's).
    /// </summary>
    public bool MigrateAtStart { get; init; } = true;

    /// <summary>SQLite durability: FULL (default, survives power loss) or NORMAL (survives process crashes only).</summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>
    /// SQLite: transitions that reach their commit together share one transaction and one durable COMMIT, each under its
    /// own savepoint (<see cref="GroupCommit"/>). On by default; off, each commits alone (the bench compares both).
    /// Server databases commit concurrently anyway and ignore it.
    /// </summary>
    public bool GroupCommit { get; init; } = true;
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

public enum SqliteSynchronous
{
    Full,
    Normal,
}
