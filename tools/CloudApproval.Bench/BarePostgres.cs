using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace CloudApproval.Bench;

/// <summary>
/// The floor under every durable transition on a PostgreSQL cluster: how many single-row insert transactions commit per
/// second, each connection running a prepared <c>INSERT</c> in its own transaction (BEGIN, INSERT, COMMIT), one after
/// the other; with several connections at once the cluster can flush several commits with one WAL write.
/// </summary>
internal static class BarePostgres
{
    public static async Task<double> InsertTransactionsPerSecondAsync(string connectionString, int connections, TimeSpan duration)
    {
        await using (var setup = new NpgsqlConnection(connectionString))
        {
            await setup.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS bare (id bigserial PRIMARY KEY, payload text NOT NULL);", setup);
            await create.ExecuteNonQueryAsync();
        }
        using var stop = new CancellationTokenSource();
        var clock = new Stopwatch();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(() => WorkerAsync(connectionString, ready.Task, stop.Token))).ToArray();
        // Every connection open, prepared and warmed before the clock starts.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        clock.Start();
        ready.SetResult();
        await Task.Delay(duration);
        await stop.CancelAsync();
        var count = (await Task.WhenAll(workers)).Sum();
        clock.Stop();
        return count / clock.Elapsed.TotalSeconds;
    }

    private static async Task<long> WorkerAsync(string connectionString, Task ready, CancellationToken stop)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var insert = new NpgsqlCommand("INSERT INTO bare (payload) VALUES (@payload);", connection);
        insert.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Text) { Value = new string('x', 64) });
        await insert.PrepareAsync(CancellationToken.None);
        for (var i = 0; i < 50; i++) await OneTransactionAsync(connection, insert);
        await ready;
        long count = 0;
        while (!stop.IsCancellationRequested)
        {
            await OneTransactionAsync(connection, insert);
            count++;
        }
        return count;
    }

    private static async Task OneTransactionAsync(NpgsqlConnection connection, NpgsqlCommand insert)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        insert.Transaction = transaction;
        await insert.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }
}
