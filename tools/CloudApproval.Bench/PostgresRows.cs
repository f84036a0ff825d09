using CloudApproval.Cases.Persistence;
using Npgsql;

namespace CloudApproval.Bench;

/// <summary>
/// <c>--postgres "&lt;connection string&gt;"</c>: the six-step case rows on a PostgreSQL cluster, in this process with the
/// product's own services (as the SQLite rows), sequential and with <see cref="Workers"/> concurrent workers, each row on
/// a database of its own created and dropped here; beside them the bare single-row commit rate of the same cluster,
/// sequential and over as many connections, measured before and after the rows.
/// </summary>
internal static class PostgresRows
{
    public const int Workers = 16;

    private static readonly TimeSpan BareDuration = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(BenchOptions options, string connectionString, string workflows, string definitions, string work)
    {
        Console.WriteLine($"CloudApproval.Bench on PostgreSQL ({await ServerAsync(connectionString)}): {options.Cases} cases per row (after a warm-up of at least {options.Warmup}), {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var bare = await CreateDatabaseAsync(connectionString, "bare");
        double seqBefore, manyBefore, seqAfter, manyAfter;
        var results = new List<RowResult>();
        try
        {
            seqBefore = await BarePostgres.InsertTransactionsPerSecondAsync(bare, 1, BareDuration);
            manyBefore = await BarePostgres.InsertTransactionsPerSecondAsync(bare, Workers, BareDuration);
            RowSpec[] rows =
            [
                new("pg seq", SqliteSynchronous.Full, 1, ExplicitClaims: false),
                new($"pg {Workers}w", SqliteSynchronous.Full, Workers, ExplicitClaims: false),
            ];
            for (var i = 0; i < rows.Length; i++)
            {
                var database = await CreateDatabaseAsync(connectionString, $"row{i + 1}");
                try
                {
                    var result = await CaseWorkload.RunAsync(rows[i], options.Cases, options.Warmup, workflows, definitions, new DatabaseOptions
                    {
                        Provider = DatabaseProvider.PostgreSql,
                        PostgreSqlConnectionString = database,
                        // Where the files kept beside a database (the key ring) go: the bench's work folder.
                        SqlitePath = Path.Combine(work, $"pg-row{i + 1}", "cases.db"),
                    });
                    await Console.Error.WriteLineAsync(
                        $"  {rows[i].Name}: {result.CasesPerSecond:F1} cases/s ({result.Pragmas}; warm-up {result.WarmupCases} cases in {result.WarmupTime.TotalSeconds:F1} s; {result.JittedDuringRow} methods jitted while measuring)");
                    results.Add(result);
                }
                finally
                {
                    await DropDatabaseAsync(connectionString, database);
                }
            }
            seqAfter = await BarePostgres.InsertTransactionsPerSecondAsync(bare, 1, BareDuration);
            manyAfter = await BarePostgres.InsertTransactionsPerSecondAsync(bare, Workers, BareDuration);
        }
        finally
        {
            await DropDatabaseAsync(connectionString, bare);
        }

        var seq = (seqBefore + seqAfter) / 2;
        var many = (manyBefore + manyAfter) / 2;
        Console.WriteLine(
            $"bare PostgreSQL single-row insert transactions (prepared INSERT, BEGIN/COMMIT each): one connection {seq:F0}/s ({1000 / seq:F3} ms each; " +
            $"{seqBefore:F0} before the rows, {seqAfter:F0} after), {Workers} connections {many:F0}/s ({manyBefore:F0} before, {manyAfter:F0} after)");
        Console.WriteLine();
        // trans/bare: each row against the sequential bare rate, as the SQLite rows are.
        Console.WriteLine(Table.Render(results, seq, seq));
        Console.WriteLine();
        var concurrent = results[1];
        Console.WriteLine(FormattableString.Invariant(
            $"{concurrent.Spec.Name}: {concurrent.TransitionsPerSecond:F0} transitions/s = {concurrent.TransitionsPerSecond / many:F3} of the bare rate over {Workers} connections; {concurrent.TransitionsPerSecond / results[0].TransitionsPerSecond:F2}x the sequential row"));
        return 0;
    }

    private static async Task<string> ServerAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT 'PostgreSQL ' || current_setting('server_version') || ', fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit')",
            connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A new empty database on the cluster; answers its connection string.</summary>
    private static async Task<string> CreateDatabaseAsync(string connectionString, string what)
    {
        var name = $"cloudapproval_bench_{Environment.ProcessId}_{what}";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection)) await drop.ExecuteNonQueryAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection)) await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(connectionString) { Database = name }.ConnectionString;
    }

    private static async Task DropDatabaseAsync(string connectionString, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var name = new NpgsqlConnectionStringBuilder(database).Database;
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
