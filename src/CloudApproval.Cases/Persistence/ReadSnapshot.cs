using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CloudApproval.Cases.Persistence;

/// <summary>
/// A read-only transaction in which several queries see one state of the database. Without it, a commit landing between
/// two queries (a document job appending an entry to the chain being verified) shows each query a different state, and
/// a consistent case looks broken. SQLite: a deferred transaction, whose first read fixes its snapshot in WAL mode and
/// takes no write lock; the server databases: repeatable read (PostgreSQL: one snapshot for the transaction; SQL Server
/// holds shared locks on what it read until the end, so a whole-database check there delays writers while it runs).
/// </summary>
internal static class ReadSnapshot
{
    public static async Task<IDbContextTransaction> BeginAsync(CasesDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
            return await db.Database.UseTransactionAsync(sqlite.BeginTransaction(deferred: true), ct)
                ?? throw new InvalidOperationException("EF did not take the SQLite transaction");
        return await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
    }
}
