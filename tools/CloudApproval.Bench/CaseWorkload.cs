using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Text.Json.Nodes;
using CloudApproval.Cases;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CloudApproval.Bench;

/// <summary>One row of the table: a database setting, a number of workers, how tasks are claimed, and whether commits are grouped.</summary>
internal sealed record RowSpec(string Name, SqliteSynchronous Synchronous, int Workers, bool ExplicitClaims, bool GroupCommit = true);

/// <summary>What one row measured, over the measured cases only (warm-up excluded).</summary>
internal sealed record RowResult(
    RowSpec Spec,
    int Cases,
    double Seconds,
    long Transitions,
    long Claims,
    double P50Ms,
    double P99Ms,
    double ClaimP50Ms,
    long WriteTransactions,
    long Commands,
    long Reads,
    long Rollbacks,
    long AllocatedBytes,
    TimeSpan SaveChangesTime,
    TimeSpan CommitTime,
    TimeSpan CpuTime,
    long PeakWorkingSet,
    string Pragmas,
    int WarmupCases,
    TimeSpan WarmupTime,
    long JittedDuringRow)
{
    public double CasesPerSecond => Cases / Seconds;
    public double TransitionsPerSecond => Transitions / Seconds;
    public double WriteTransactionsPerTransition => (double)WriteTransactions / Transitions;
    public double CommandsPerTransition => (double)Commands / Transitions;
    public double ReadsPerTransition => (double)Reads / Transitions;
    public double AllocatedKbPerTransition => AllocatedBytes / 1024.0 / Transitions;
    /// <summary>Includes the claims' SaveChanges in the explicit-claims rows.</summary>
    public double SaveMsPerTransition => SaveChangesTime.TotalMilliseconds / Transitions;
    public double CommitMsPerTransition => CommitTime.TotalMilliseconds / Transitions;
    /// <summary>Process CPU (all threads, user + kernel) per transition: steadier than wall time on a shared machine.</summary>
    public double CpuMsPerTransition => CpuTime.TotalMilliseconds / Transitions;
}

/// <summary>
/// Drives cases through the six-step bench procedure with the product's own services (CaseRuntime, TaskCommands) on a
/// fresh SQLite file (or an empty PostgreSQL database): start, then for each of the four tasks find it, claim it (explicitly, or implicitly on
/// completion) and complete it.
/// </summary>
internal static class CaseWorkload
{
    public const string DefinitionId = "bench-six-step";
    public const int TasksPerCase = 4;
    public const int TransitionsPerCase = 1 + TasksPerCase;

    public static Task<RowResult> RunAsync(RowSpec spec, int cases, int warmup, string workflowsFolder, string definitionsFolder, string dbPath) =>
        RunAsync(spec, cases, warmup, workflowsFolder, definitionsFolder, new DatabaseOptions { SqlitePath = dbPath, Synchronous = spec.Synchronous, GroupCommit = spec.GroupCommit });

    /// <summary>The row on any provider: a fresh SQLite file, or an empty PostgreSQL database (migrated here).</summary>
    public static async Task<RowResult> RunAsync(RowSpec spec, int cases, int warmup, string workflowsFolder, string definitionsFolder, DatabaseOptions database)
    {
        var counters = new SqlCounters();
        await using var services = new ServiceCollection()
            .AddSingleton<IInterceptor>(counters)
            .AddCloudApprovalCases(new CasesSettings { Database = database, WorkflowsFolder = workflowsFolder })
            .BuildServiceProvider();
        await services.InitializeCasesAsync();
        await services.GetRequiredService<ImportProcedures>().RunAsync(definitionsFolder, Actor.Operator("bench"), publish: true);
        var factory = services.GetRequiredService<CasesDbFactory>();
        var pragmas = await PragmasAsync(factory);
        var driver = new Driver(services.GetRequiredService<CaseRuntime>(), services.GetRequiredService<TaskCommands>(), () => Connect(database, factory), spec.ExplicitClaims);

        var (warmupCases, warmupTime) = await WarmUpAsync(driver, spec.Workers, warmup);
        var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        counters.Reset();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var samples = await driver.RunAsync(spec.Workers, cases);
        clock.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        process.Refresh();
        cpu = process.TotalProcessorTime - cpu;
        jitted = System.Runtime.JitInfo.GetCompiledMethodCount() - jitted;

        var transitions = samples.Transitions.ToArray();
        var claims = samples.Claims.ToArray();
        var result = new RowResult(
            spec, cases, clock.Elapsed.TotalSeconds, transitions.Length, claims.Length,
            Percentile(transitions, 0.50), Percentile(transitions, 0.99), claims.Length == 0 ? double.NaN : Percentile(claims, 0.50),
            counters.WriteTransactions, counters.Commands, counters.Reads, counters.Rollbacks,
            allocated, counters.SaveChangesTime, counters.CommitTime, cpu, process.PeakWorkingSet64, pragmas, warmupCases, warmupTime, jitted);
        // After the counters are read: the verification's queries go through EF too and are not part of the row.
        await VerifyAsync(factory, warmupCases + cases, spec.ExplicitClaims);
        return result;
    }

    /// <summary>
    /// Runs cases until the JIT has settled (tiered compilation recompiles hot methods in the background for tens of
    /// seconds on two cores; measuring before it is done measures the JIT). At least <paramref name="minimum"/> cases,
    /// at most about <see cref="WarmupLimit"/>.
    /// </summary>
    private static async Task<(int Cases, TimeSpan Time)> WarmUpAsync(Driver driver, int workers, int minimum)
    {
        var clock = Stopwatch.StartNew();
        var done = 0;
        var quiet = 0;
        while (clock.Elapsed < WarmupLimit)
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            await driver.RunAsync(workers, WarmupBatch);
            done += WarmupBatch;
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - before;
            quiet = compiled <= 2 ? quiet + 1 : 0;
            if (done >= minimum && quiet >= 3) break;
        }
        return (done, clock.Elapsed);
    }

    private const int WarmupBatch = 25;
    private static readonly TimeSpan WarmupLimit = TimeSpan.FromSeconds(30);

    /// <summary>A connection of the row's database outside EF (the clerk's inbox read).</summary>
    private static DbConnection Connect(DatabaseOptions database, CasesDbFactory factory) => database.Provider switch
    {
        DatabaseProvider.PostgreSql => new NpgsqlConnection(database.PostgreSqlConnectionString),
        DatabaseProvider.Sqlite => new SqliteConnection(factory.ConnectionString),
        var other => throw new NotSupportedException($"the bench runs on SQLite and PostgreSQL, not {other}"),
    };

    /// <summary>What the cases database really runs with, read back through the product's own connection.</summary>
    private static async Task<string> PragmasAsync(CasesDbFactory factory)
    {
        await using var db = factory.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        if (connection is NpgsqlConnection)
        {
            command.CommandText = "SELECT current_setting('fsync') || ' synchronous_commit=' || current_setting('synchronous_commit');";
            return $"fsync={await command.ExecuteScalarAsync()}";
        }
        command.CommandText = "PRAGMA journal_mode;";
        var journal = await command.ExecuteScalarAsync();
        command.CommandText = "PRAGMA synchronous;";
        var synchronous = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) switch
        {
            0 => "OFF",
            1 => "NORMAL",
            2 => "FULL",
            3 => "EXTRA",
            var other => other.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return $"journal_mode={journal} synchronous={synchronous}";
    }

    /// <summary>Every case completed with its outcome and a full audit chain: a fast run that lost work would not count.</summary>
    private static async Task VerifyAsync(CasesDbFactory factory, int expectedCases, bool explicitClaims)
    {
        await using var db = factory.CreateDbContext();
        var completed = await db.Cases.CountAsync(c => c.Status == CaseStatus.Completed && c.Outcome == "approved");
        var all = await db.Cases.CountAsync();
        var tasks = await db.Tasks.CountAsync(t => t.Status == WorkTaskStatus.Completed);
        var audit = await db.AuditEntries.LongCountAsync();
        var auditPerCase = TransitionsPerCase + (explicitClaims ? TasksPerCase : 0);
        if (completed != expectedCases || all != expectedCases || tasks != (long)expectedCases * TasksPerCase || audit != (long)expectedCases * auditPerCase)
            throw new InvalidOperationException(
                $"verification failed: {completed}/{all} cases approved (expected {expectedCases}), {tasks} tasks completed, {audit} audit entries (expected {expectedCases * auditPerCase})");
    }

    /// <summary>The nearest-rank percentile of Stopwatch ticks, in ms (sorts <paramref name="ticks"/>).</summary>
    internal static double Percentile(long[] ticks, double q)
    {
        Array.Sort(ticks);
        var index = Math.Clamp((int)Math.Ceiling(q * ticks.Length) - 1, 0, ticks.Length - 1);
        return ticks[index] * 1000.0 / Stopwatch.Frequency;
    }

    private sealed class Samples
    {
        public List<long> Transitions { get; } = [];
        public List<long> Claims { get; } = [];

        public void Add(Samples other)
        {
            Transitions.AddRange(other.Transitions);
            Claims.AddRange(other.Claims);
        }
    }

    private sealed class Driver(CaseRuntime runtime, TaskCommands tasks, Func<DbConnection> connect, bool explicitClaims)
    {
        private int _sequence;

        public async Task<Samples> RunAsync(int workers, int cases)
        {
            var shares = Enumerable.Range(0, workers).Select(w => cases / workers + (w < cases % workers ? 1 : 0)).ToArray();
            var results = await Task.WhenAll(shares.Select(share => Task.Run(() => WorkerAsync(share))));
            var all = new Samples();
            foreach (var r in results) all.Add(r);
            return all;
        }

        private async Task<Samples> WorkerAsync(int cases)
        {
            var samples = new Samples();
            // The inbox read that tells a clerk which task is next is not a transition: one prepared, indexed query on
            // the worker's own connection, outside EF, so it is neither counted nor allowed to dominate.
            await using var connection = connect();
            await connection.OpenAsync();
            await using var next = connection.CreateCommand();
            // Quoted names and an @ parameter: the same text on SQLite and PostgreSQL.
            next.CommandText = "SELECT \"Id\" FROM \"Tasks\" WHERE \"CaseId\" = @case AND \"Status\" IN ('Open', 'Claimed') LIMIT 1;";
            var caseParameter = next.CreateParameter();
            caseParameter.ParameterName = "@case";
            caseParameter.DbType = DbType.String;
            caseParameter.Value = "";
            next.Parameters.Add(caseParameter);
            await next.PrepareAsync();

            for (var i = 0; i < cases; i++)
            {
                var n = Interlocked.Increment(ref _sequence);
                // Real actors, so the access checks a user meets are part of what is measured.
                var clerk = new Actor($"clerk-{n % 16}", null, [ActorRoles.Clerk], ["bench"], ["intake-clerk", "reviewer", "section-head", "issuing-clerk"]);
                var applicant = new Actor($"applicant-{n}", null, [ActorRoles.Applicant]);
                var input = new JsonObject { ["applicant"] = $"applicant-{n}", ["matter"] = "bench" };
                var started = Stopwatch.GetTimestamp();
                var caseId = (await runtime.StartAsync(DefinitionId, null, input, applicant)).CaseId;
                samples.Transitions.Add(Stopwatch.GetTimestamp() - started);
                for (var step = 0; step < TasksPerCase; step++)
                {
                    caseParameter.Value = caseId;
                    var taskId = (long)(await next.ExecuteScalarAsync() ?? throw new InvalidOperationException($"case {caseId} has no open task at step {step + 1}"));
                    if (explicitClaims)
                    {
                        started = Stopwatch.GetTimestamp();
                        await tasks.ClaimAsync(taskId, clerk);
                        samples.Claims.Add(Stopwatch.GetTimestamp() - started);
                    }
                    started = Stopwatch.GetTimestamp();
                    await tasks.CompleteAsync(taskId, "done", new JsonObject { ["note"] = $"step {step + 1} ok" }, clerk);
                    samples.Transitions.Add(Stopwatch.GetTimestamp() - started);
                }
            }
            return samples;
        }
    }
}
