using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Persistence;

/// <summary>Brings the database to the current schema at start.</summary>
public static class CasesDatabase
{
    public static async Task MigrateAsync(CasesDbFactory factory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var db = factory.CreateDbContext();
        if (factory.Options.Provider == DatabaseProvider.Sqlite)
        {
            // WAL is a property of the file: readers never block the writer, and commits are a single append.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await db.Database.MigrateAsync(cancellationToken);
    }
}
