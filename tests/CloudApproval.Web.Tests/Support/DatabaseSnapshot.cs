using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace CloudApproval.Web.Tests.Support;

/// <summary>
/// A fingerprint of the application's database. On PostgreSQL, of every row of its tables (Hangfire's schema aside).
/// On SQLite, of the file itself. The write-ahead log is checkpointed into the file first, so every
/// committed change is in the bytes hashed; SQLite rewrites a page (and bumps the header's change counter) on any
/// committed write, so two equal hashes mean nothing was committed in between.
/// </summary>
internal static class DatabaseSnapshot
{
    public static async Task<string> HashAsync(string database)
    {
        if (TestDatabases.OnPostgreSql) return Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(PostgreSqlRaw.Dump(database))));
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false, DefaultTimeout = 30 }.ToString()))
        {
            await connection.OpenAsync();
            await Poll.UntilAsync<bool>(async () =>
            {
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                await using var result = await checkpoint.ExecuteReaderAsync();
                // Columns: busy (1 when a reader or writer kept the checkpoint from finishing), log frames, frames checkpointed.
                return await result.ReadAsync() && result.GetInt64(0) == 0 ? true : null;
            }, "a complete WAL checkpoint");
        }
        await using var file = new FileStream(database, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return Convert.ToHexString(await SHA256.HashDataAsync(file));
    }
}
