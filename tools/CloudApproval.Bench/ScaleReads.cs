using System.Diagnostics;
using System.Globalization;
using System.Text;
using CloudApproval.Cases;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Efficiency;
using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CloudApproval.Bench;

/// <summary>
/// Latency percentiles of one read, in milliseconds, and the process CPU time per read (all threads): steadier than wall
/// time on a shared machine.
/// </summary>
internal sealed record ReadStats(string Name, int Samples, double P50, double P95, double P99, double CpuMs);

/// <summary>
/// The reads a user waits for, run warm with the product's own use cases (TaskInbox, CaseList, CaseHistory,
/// AuditVerifier) on a seeded database, with random parameters drawn from it; and the SQLite plan of each query.
/// </summary>
internal static class ScaleReads
{
    private const string Admin = "admin-bench";

    public sealed record Figures(IReadOnlyList<ReadStats> Reads, double VerifyEntriesPerSecond, int VerifiedCases, string Plans, int ScanCount);

    /// <summary>A case to read, with its applicant and the department that handles it.</summary>
    private sealed record Sample(string CaseId, string Applicant, string Department);

    public static async Task<Figures> RunAsync(string dbPath, string workflows, int iterations, TimeSpan verifyBudget)
    {
        var recorder = new QueryRecorder();
        await using var services = new ServiceCollection()
            .AddSingleton<IInterceptor>(recorder)
            .AddCloudApprovalCases(new CasesSettings { Database = new DatabaseOptions { SqlitePath = dbPath, MustExist = true }, WorkflowsFolder = workflows })
            .BuildServiceProvider();
        await services.InitializeCasesAsync();
        var factory = services.GetRequiredService<CasesDbFactory>();
        var inbox = services.GetRequiredService<TaskInbox>();
        var list = services.GetRequiredService<CaseList>();
        var history = services.GetRequiredService<CaseHistory>();
        var verifier = services.GetRequiredService<AuditVerifier>();
        var samples = await SamplesAsync(factory.ConnectionString!, 2000);
        var random = new Random(12);
        Sample Pick() => samples[random.Next(samples.Count)];
        Actor ClerkOf(Sample s) => SeedTemplates.Clerk(s.Department, random.Next(SeedTemplates.ClerksPerDepartment));
        var from = new DateTime(2026, 1, 10, 0, 0, 0, DateTimeKind.Utc);

        // Each read: what it runs, for the percentiles and (once, recorded) for the plan.
        var reads = new (string Name, Func<Task> Run)[]
        {
            ("inbox first page", async () => await inbox.ListAsync(new TaskQuery { Mine = true }, ClerkOf(Pick()))),
            ("inbox next page", async () =>
            {
                var clerk = ClerkOf(Pick());
                recorder.Recording = false;
                var first = await inbox.ListAsync(new TaskQuery { Mine = true }, clerk);
                recorder.Recording = Recording;
                var cpu = ProcessCpu();
                var started = Stopwatch.GetTimestamp();
                await inbox.ListAsync(new TaskQuery { Mine = true, After = first.NextCursor }, clerk);
                Timed = Stopwatch.GetTimestamp() - started;
                TimedCpu += ProcessCpu() - cpu;
            }),
            ("search by applicant", async () => { var s = Pick(); await list.ListAsync(new CaseQuery { Applicant = s.Applicant }, ClerkOf(s)); }),
            ("search by matter (procedure)", async () => await list.ListAsync(new CaseQuery { Procedure = CaseWorkload.DefinitionId }, ClerkOf(Pick()))),
            ("search by date (created before)", async () =>
                await list.ListAsync(new CaseQuery { After = DateCursor(from.AddDays(random.Next(300))) }, ClerkOf(Pick()))),
            ("search overdue", async () => await list.ListAsync(new CaseQuery { Overdue = true }, ClerkOf(Pick()))),
            ("search by applicant (admin)", async () => await list.ListAsync(new CaseQuery { Applicant = Pick().Applicant }, AdminActor)),
            ("case file with timeline", async () => { var s = Pick(); await history.GetAsync(s.CaseId, ClerkOf(s)); }),
            ("audit verify one case", async () => await verifier.VerifyAsync(Pick().CaseId)),
        };
        // The efficiency dashboard counts cases of catalogued matters only: a database seeded before they were added has none.
        if (await ScalarAsync(factory.ConnectionString!, "SELECT COUNT(*) FROM Applications WHERE CaseId IS NOT NULL") > 0)
        {
            var figures = services.GetRequiredService<EfficiencyFigures>();
            DateOnly Month() => new(2026, 1 + random.Next(11), 1);
            reads = [.. reads,
                ("dashboard one department, month", async () =>
                {
                    var month = Month();
                    await figures.RunAsync(month, month.AddMonths(1).AddDays(-1), SeedMatterCases.Department, null, SeedMatterCases.Auditor);
                }),
                ("dashboard all departments, month", async () =>
                {
                    var month = Month();
                    await figures.RunAsync(month, month.AddMonths(1).AddDays(-1), null, null, SeedMatterCases.Auditor);
                }),
            ];
        }

        var stats = new List<ReadStats>();
        var plans = new StringBuilder();
        var scans = 0;
        foreach (var (name, run) in reads)
        {
            // The plan of the queries this read runs, recorded on one call.
            Recording = true;
            recorder.Recording = true;
            recorder.Take();
            await run();
            recorder.Recording = Recording = false;
            var commands = recorder.Take();
            plans.AppendLine(CultureInfo.InvariantCulture, $"### {name}").AppendLine();
            foreach (var command in commands)
            {
                var (plan, scanned) = await PlanAsync(factory.ConnectionString!, command);
                scans += scanned;
                plans.AppendLine("```").AppendLine(command.Sql.Trim()).AppendLine("--").Append(plan).AppendLine("```").AppendLine();
            }
            // A read that takes seconds (a plan that scans) is sampled for a bounded time, not a fixed count.
            var budget = Stopwatch.StartNew();
            for (var i = 0; i < Math.Max(10, iterations / 5) && (i < 3 || budget.Elapsed < ReadBudget / 3); i++) await run();
            budget.Restart();
            var cpu = ProcessCpu();
            var ticks = new List<long>(iterations);
            TimedCpu = TimeSpan.Zero;
            var timedOnly = false;
            while (ticks.Count < iterations && (ticks.Count < 5 || budget.Elapsed < ReadBudget))
            {
                Timed = -1;
                var started = Stopwatch.GetTimestamp();
                await run();
                ticks.Add(Timed >= 0 ? Timed : Stopwatch.GetTimestamp() - started);
                timedOnly = Timed >= 0;
            }
            // A read that times only part of its run (the next page) counts only that part's CPU.
            var cpuMs = (timedOnly ? TimedCpu : ProcessCpu() - cpu).TotalMilliseconds / ticks.Count;
            var sorted = ticks.Order().ToArray();
            stats.Add(new ReadStats(name, sorted.Length, Ms(sorted, 0.50), Ms(sorted, 0.95), Ms(sorted, 0.99), cpuMs));
            Console.Error.WriteLine($"  {name}: p50 {stats[^1].P50:F2} ms, p95 {stats[^1].P95:F2} ms, p99 {stats[^1].P99:F2} ms, cpu {cpuMs:F2} ms");
        }

        // Whole-database verify: the product's per-case verification over the cases in id order, as VerifyAllAsync
        // runs it, for as long as the budget allows (the whole database when it fits).
        var ids = new List<string>();
        await using (var connection = new SqliteConnection(factory.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT Id FROM Cases ORDER BY Id";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        }
        var clock = Stopwatch.StartNew();
        long entries = 0;
        var verified = 0;
        foreach (var id in ids)
        {
            var result = await verifier.VerifyAsync(id);
            if (!result.Intact) throw new InvalidOperationException($"case {id} does not verify: {result.Reason}");
            entries += result.Entries;
            verified++;
            if (clock.Elapsed > verifyBudget) break;
        }
        return new Figures(stats, entries / clock.Elapsed.TotalSeconds, verified, plans.ToString(), scans);
    }

    private static readonly TimeSpan ReadBudget = TimeSpan.FromSeconds(30);

    private static readonly Actor AdminActor = new(Admin, null, [ActorRoles.Admin]);

    // The "next page" read times only its second call (wall and CPU); the plan recorder skips the first.
    private static bool Recording;
    private static long Timed;
    private static TimeSpan TimedCpu;

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>Cases created before a day, newest first: the case list's keyset cursor set to that day (a date range's upper end).</summary>
    private static string DateCursor(DateTime day) => $"{day.Ticks.ToString(CultureInfo.InvariantCulture)}.~";

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static double Ms(long[] sorted, double q) =>
        sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;

    private static async Task<List<Sample>> SamplesAsync(string connectionString, int count)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(rowid) FROM Cases";
        var max = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        var random = new Random(7);
        var rowids = Enumerable.Range(0, count).Select(_ => random.NextInt64(1, max + 1)).Distinct().ToList();
        command.CommandText = $"""
            SELECT c.Id, c.Applicant, (SELECT t.Department FROM Tasks t WHERE t.CaseId = c.Id LIMIT 1)
            FROM Cases c WHERE c.rowid IN ({string.Join(",", rowids)})
            """;
        var samples = new List<Sample>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) samples.Add(new Sample(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return samples;
    }

    /// <summary>SQLite's plan for one recorded command, and how many of its steps scan a whole table or index.</summary>
    private static async Task<(string Plan, int Scans)> PlanAsync(string connectionString, RecordedCommand recorded)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + recorded.Sql;
        foreach (var (name, value) in recorded.Parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        var plan = new StringBuilder();
        var scans = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var detail = reader.GetString(3);
            // "SCAN x" reads every row of x (or of an index of it); "SCAN CONSTANT ROW" reads none.
            // EF answers an empty id list with "WHERE 0": SQLite never reads a row of it.
            var scan = detail.StartsWith("SCAN ", StringComparison.Ordinal) && !detail.StartsWith("SCAN CONSTANT", StringComparison.Ordinal)
                && !recorded.Sql.Contains("WHERE 0", StringComparison.Ordinal);
            // The dashboard lists the whole matter catalogue: its size is the matters imported from workflows/matters,
            // not the city's cases, so reading all of it is the answer, not a search.
            var catalogue = scan && detail == "SCAN m" && recorded.Sql.Contains("FROM \"Matters\" AS \"m\"", StringComparison.Ordinal)
                && !recorded.Sql.Contains("WHERE", StringComparison.Ordinal);
            if (scan && !catalogue) scans++;
            plan.AppendLine(scan ? detail + (catalogue ? "    <-- whole matter catalogue" : "    <-- FULL SCAN") : detail);
        }
        return (plan.ToString(), scans);
    }
}
