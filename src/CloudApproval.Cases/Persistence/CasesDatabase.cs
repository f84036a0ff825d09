using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Persistence;

/// <summary>Brings the database to the current schema at start.</summary>
public static class CasesDatabase
{
    /// <summary>
    /// Checks the SQLite file first (<see cref="SqliteFile"/>): a path that is not a usable database, or a missing one when
    /// <see cref="DatabaseOptions.MustExist"/>, is a <see cref="CasesException"/> naming the file, and nothing is created.
    /// </summary>
    public static async Task MigrateAsync(CasesDbFactory factory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var options = factory.Options;
        if (options.Provider is DatabaseProvider.SqlServer or DatabaseProvider.PostgreSql)
        {
            await using var server = factory.CreateDbContext();
            await server.Database.MigrateAsync(cancellationToken);
            return;
        }
        SqliteFile.Check(options.SqlitePath, options.MustExist);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.SqlitePath))!);
        try
        {
            await using var db = factory.CreateDbContext();
            // WAL is a property of the file: readers never block the writer, and commits are a single append.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        catch (SqliteException ex)
        {
            throw SqliteFile.Unusable(options.SqlitePath, ex);
        }
    }
}
