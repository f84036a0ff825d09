using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace CloudApproval.Bench;

/// <summary>
/// The floor under every durable transition: how many single-row insert transactions one connection commits per second
/// on this disk, with the same journal and durability settings as the cases database.
/// </summary>
internal static class BareSqlite
{
    public static double InsertTransactionsPerSecond(string path, string synchronous, TimeSpan duration)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, $"PRAGMA synchronous={synchronous};");
        Execute(connection, "CREATE TABLE IF NOT EXISTS bare (id INTEGER PRIMARY KEY, payload TEXT NOT NULL);");

        using var begin = Prepare(connection, "BEGIN;");
        using var insert = Prepare(connection, "INSERT INTO bare (payload) VALUES ($payload);");
        using var commit = Prepare(connection, "COMMIT;");
        var payload = insert.Parameters.Add("$payload", SqliteType.Text);
        payload.Value = new string('x', 64);

        for (var i = 0; i < 200; i++) OneTransaction(begin, insert, commit);
        var count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            for (var i = 0; i < 50; i++) OneTransaction(begin, insert, commit);
            count += 50;
        }
        return count / clock.Elapsed.TotalSeconds;
    }

    private static void OneTransaction(SqliteCommand begin, SqliteCommand insert, SqliteCommand commit)
    {
        begin.ExecuteNonQuery();
        insert.ExecuteNonQuery();
        commit.ExecuteNonQuery();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Prepare();
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
