using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace CloudApproval.Cases.Persistence;

/// <summary>Pooled contexts for the configured provider; the hot path creates one per transition.</summary>
public sealed class CasesDbFactory : IDbContextFactory<CasesDbContext>
{
    private readonly Func<CasesDbContext> _create;

    /// <param name="options">Provider and location.</param>
    /// <param name="interceptors">Extra EF Core interceptors (the benchmark counts commands and commits with them); none in the product.</param>
    public CasesDbFactory(DatabaseOptions options, IEnumerable<IInterceptor>? interceptors = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        var extra = interceptors?.ToArray() ?? [];
        if (options.Provider == DatabaseProvider.SqlServer)
        {
            var connection = options.SqlServerConnectionString
                ?? throw new InvalidOperationException("SQL Server needs a connection string (ConnectionStrings:CloudApproval or --connection)");
            var builder = new DbContextOptionsBuilder<SqlServerCasesDbContext>()
                .UseSqlServer(connection, sql => sql.EnableRetryOnFailure(3))
                .AddInterceptors(extra);
            var pool = new PooledDbContextFactory<SqlServerCasesDbContext>(builder.Options);
            _create = pool.CreateDbContext;
        }
        else if (options.Provider == DatabaseProvider.PostgreSql)
        {
            var connection = options.PostgreSqlConnectionString
                ?? throw new InvalidOperationException("PostgreSQL needs a connection string (ConnectionStrings:CloudApproval or --connection)");
            // No retrying strategy: a commit whose answer was lost would be retried as a second write; a caller that sees
            // the error repeats the operation instead, and the concurrency token refuses it if the first one landed.
            // Npgsql's own default strategy does not retry either, but hides a deadlock or serialization failure inside an
            // InvalidOperationException ("likely due to a transient failure"), where WriteConflicts cannot see a lost race.
            var builder = new DbContextOptionsBuilder<PostgreSqlCasesDbContext>()
                .UseNpgsql(connection, npgsql => npgsql.ExecutionStrategy(dependencies => new NonRetryingExecutionStrategy(dependencies)))
                .AddInterceptors(extra);
            var pool = new PooledDbContextFactory<PostgreSqlCasesDbContext>(builder.Options);
            _create = pool.CreateDbContext;
        }
        else
        {
            // The folder is created by CasesDatabase.MigrateAsync once the path has been checked.
            var full = Path.GetFullPath(options.SqlitePath);
            ConnectionString = new SqliteConnectionStringBuilder { DataSource = full, DefaultTimeout = 30, Pooling = true }.ToString();
            var builder = new DbContextOptionsBuilder<SqliteCasesDbContext>().UseSqlite(ConnectionString).AddInterceptors(extra);
            if (options.Synchronous == SqliteSynchronous.Normal) builder.AddInterceptors(new SynchronousNormal());
            var pool = new PooledDbContextFactory<SqliteCasesDbContext>(builder.Options);
            _create = pool.CreateDbContext;
            WriteGate = new SemaphoreSlim(1, 1);
            if (options.GroupCommit) GroupCommit = new GroupCommit(WriteGate);
        }
    }

    public DatabaseOptions Options { get; }

    /// <summary>The SQLite connection string (null for a server database).</summary>
    public string? ConnectionString { get; }

    public CasesDbContext CreateDbContext() => _create();

    /// <summary>
    /// SQLite only: one writer at a time per database in this process. SQLite admits one writer anyway, and
    /// Microsoft.Data.Sqlite answers a busy database by sleeping 150 ms before it retries, so writers of one process
    /// queue here instead (woken at once); other processes still meet the busy retry.
    /// </summary>
    internal SemaphoreSlim? WriteGate { get; }

    /// <summary>SQLite with <see cref="DatabaseOptions.GroupCommit"/>: where transitions commit together (null otherwise).</summary>
    internal GroupCommit? GroupCommit { get; }

    /// <summary>
    /// synchronous is a per-connection setting in SQLite; FULL is already the default in WAL mode. Pooled connections
    /// keep their native handle, and the setting with it, so each handle is set once rather than on every open.
    /// </summary>
    private sealed class SynchronousNormal : DbConnectionInterceptor
    {
        private const string Pragma = "PRAGMA synchronous=NORMAL;";
        private static readonly object Marker = new();
        private readonly ConditionalWeakTable<object, object> _done = [];

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (!FirstOpen(connection)) return;
            using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (!FirstOpen(connection)) return;
            await using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        private bool FirstOpen(DbConnection connection) =>
            connection is not SqliteConnection { Handle: { } handle } || _done.TryAdd(handle, Marker);
    }
}
