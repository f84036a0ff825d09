using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CloudApproval.Cases.Persistence;

/// <summary>Pooled contexts for the configured provider; the hot path creates one per transition.</summary>
public sealed class CasesDbFactory : IDbContextFactory<CasesDbContext>
{
    private readonly Func<CasesDbContext> _create;

    public CasesDbFactory(DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        if (options.Provider == DatabaseProvider.SqlServer)
        {
            var connection = options.SqlServerConnectionString
                ?? throw new InvalidOperationException("SQL Server needs a connection string (ConnectionStrings:CloudApproval or --connection)");
            var builder = new DbContextOptionsBuilder<SqlServerCasesDbContext>()
                .UseSqlServer(connection, sql => sql.EnableRetryOnFailure(3));
            var pool = new PooledDbContextFactory<SqlServerCasesDbContext>(builder.Options);
            _create = pool.CreateDbContext;
        }
        else
        {
            var full = Path.GetFullPath(options.SqlitePath);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            ConnectionString = new SqliteConnectionStringBuilder { DataSource = full, DefaultTimeout = 30, Pooling = true }.ToString();
            var builder = new DbContextOptionsBuilder<SqliteCasesDbContext>().UseSqlite(ConnectionString);
            if (options.Synchronous == SqliteSynchronous.Normal) builder.AddInterceptors(new SynchronousNormal());
            var pool = new PooledDbContextFactory<SqliteCasesDbContext>(builder.Options);
            _create = pool.CreateDbContext;
        }
    }

    public DatabaseOptions Options { get; }

    /// <summary>The SQLite connection string (null for SQL Server).</summary>
    public string? ConnectionString { get; }

    public CasesDbContext CreateDbContext() => _create();

    /// <summary>synchronous is a per-connection setting in SQLite; FULL is already the default in WAL mode.</summary>
    private sealed class SynchronousNormal : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL;";
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
