using System.Diagnostics;
using System.Globalization;
using CloudApproval.Cases;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CloudApproval.Bench;

/// <summary>
/// <c>--seed</c>: builds a city-sized SQLite database (scale 1: 1,000,000 cases, 1,000,000 open tasks in 40 departments,
/// 10,000,000 audit entries), then measures the reads a user waits for on it. See README.md, "Reads at scale".
/// </summary>
internal static class ScaleBench
{
    public const int CityCases = 1_000_000;

    public static async Task<int> RunAsync(BenchOptions options, string workflows, string definitions, string work)
    {
        var cases = Math.Max(1, (int)Math.Round(CityCases * options.Scale));
        var templates = Math.Clamp(cases / 10, 1, 1000);
        var applicants = Math.Max(1, cases / 3);
        var db = options.Database ?? Path.Combine(work, "scale", "cases.db");
        Console.WriteLine($"CloudApproval.Bench --seed: scale {options.Scale.ToString(CultureInfo.InvariantCulture)} = {cases:N0} cases ({templates:N0} written by the product, the rest copied), "
            + $"{cases:N0} open tasks in {SeedTemplates.Departments} departments, {(long)cases * SeedTemplates.EntriesPerCase:N0} audit entries; {db}; load average {LoadAverage()}");

        if (options.Reuse && File.Exists(db))
            Console.WriteLine("reusing the existing database (--reuse): no load");
        else
            await SeedAsync(db, workflows, definitions, cases, templates, applicants, options.MatterCases ?? MatterCases(templates));

        var reads = await ScaleReads.RunAsync(db, workflows, options.ReadIterations, TimeSpan.FromSeconds(20));
        var ready = ColdStart(db);
        var memory = ScaleMemory.Measure(db);
        var plans = Path.Combine(Path.GetDirectoryName(db)!, "plans.md");
        await File.WriteAllTextAsync(plans, reads.Plans);

        Console.WriteLine();
        Console.WriteLine($"{"read",-34} {"samples",8} {"p50 ms",9} {"p95 ms",9} {"p99 ms",9} {"cpu ms",9}");
        foreach (var r in reads.Reads)
            Console.WriteLine(FormattableString.Invariant($"{r.Name,-34} {r.Samples,8} {r.P50,9:F2} {r.P95,9:F2} {r.P99,9:F2} {r.CpuMs,9:F2}"));
        Console.WriteLine($"load average after the reads: {LoadAverage()}");
        Console.WriteLine(FormattableString.Invariant(
            $"whole-database verify: {reads.VerifyEntriesPerSecond:F0} entries/s ({reads.VerifiedCases:N0} cases verified in the time allowed; all intact)"));
        Console.WriteLine(ready is { } r2 ? FormattableString.Invariant($"cold start to a ready process (migrate check, timer reconcile, first inbox page): {r2:F0} ms") : "cold start: not measured");
        Console.WriteLine($"query plans: {plans} ({reads.ScanCount} full scans)");
        Console.WriteLine(memory is { } m
            ? FormattableString.Invariant($"memory with {m.Cases:N0} open cases in use ({m.Seconds:F0} s, a new process): working set {m.WorkingSetMiB:F0} MiB, peak {m.PeakMiB:F0} MiB, ")
                + FormattableString.Invariant($"{m.AfterGcMiB:F0} MiB after a full collection ({m.ManagedMiB:F0} MiB managed); load average {LoadAverage()}")
            : "memory: not measured");

        double P95(string prefix) => reads.Reads.Where(r => r.Name.StartsWith(prefix, StringComparison.Ordinal)).Max(r => r.P95);
        var inbox = P95("inbox");
        var search = P95("search");
        var file = P95("case file");
        var verify = P95("audit verify");
        double? dashboard = reads.Reads.Any(r => r.Name.StartsWith("dashboard", StringComparison.Ordinal)) ? P95("dashboard") : null;
        Console.WriteLine();
        Console.WriteLine("Targets:");
        Console.WriteLine(Check(inbox < 15, FormattableString.Invariant($"inbox first and next page p95 {inbox:F2} ms < 15")));
        Console.WriteLine(Check(search < 50, FormattableString.Invariant($"case search (worst kind) p95 {search:F2} ms < 50")));
        Console.WriteLine(Check(file < 20, FormattableString.Invariant($"case file with timeline p95 {file:F2} ms < 20")));
        Console.WriteLine(Check(verify < 5, FormattableString.Invariant($"audit verify one case p95 {verify:F2} ms < 5")));
        if (ready is { } ms) Console.WriteLine(Check(ms < 3000, FormattableString.Invariant($"cold start {ms:F0} ms < 3000")));
        if (dashboard is { } d) Console.WriteLine(Check(d < 1000, FormattableString.Invariant($"efficiency dashboard for a month (one department or all) p95 {d:F2} ms < 1000")));
        if (memory is { } mem) Console.WriteLine(Check(mem.PeakMiB < 300, FormattableString.Invariant($"peak working set with {mem.Cases:N0} open cases in use {mem.PeakMiB:F0} MiB < 300")));
        Console.WriteLine(Check(reads.ScanCount == 0, $"no full scans in the query plans ({reads.ScanCount})"));
        Console.WriteLine(FormattableString.Invariant(
            $"RESULT-scale inbox_p95_ms={inbox:F2} search_p95_ms={search:F2} casefile_p95_ms={file:F2} dashboard_ms={Figure(dashboard)} timers_p99_late_ms=n/a rss_mib={Figure(memory?.PeakMiB)}"));
        return 0;
    }

    private static async Task SeedAsync(string db, string workflows, string definitions, int cases, int templateCount, int applicants, int matterCaseCount)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(db)!);
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(db + suffix);
        var total = Stopwatch.StartNew();
        var clock = new SeedClock { Now = DateTimeOffset.UtcNow };
        string connectionString;
        List<SeedTemplate> templates;
        List<string> matterCases;
        var matterTime = new Stopwatch();
        await using (var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddCloudApprovalCases(new CasesSettings { Database = new DatabaseOptions { SqlitePath = db }, WorkflowsFolder = workflows })
            .BuildServiceProvider())
        {
            await services.InitializeCasesAsync();
            await services.GetRequiredService<ImportProcedures>().RunAsync(definitions, Actor.Operator("bench"), publish: true);
            connectionString = services.GetRequiredService<CasesDbFactory>().ConnectionString!;
            templates = await SeedTemplates.WriteAsync(services, clock, templateCount);
            matterTime.Start();
            matterCases = await WriteMatterCasesAsync(services, clock, workflows, matterCaseCount);
            matterTime.Stop();
        }
        var written = total.Elapsed - matterTime.Elapsed;
        Console.WriteLine(FormattableString.Invariant($"load: {matterCases.Count:N0} cases of {SeedMatterCases.Matter} applied for and handled by the product in {matterTime.Elapsed.TotalSeconds:F1} s"));
        SeedLoader.CheckTemplates(templates);
        SqliteConnection.ClearAllPools();
        var report = await SeedLoader.LoadAsync(connectionString, templates, cases - templateCount, applicants);
        SqliteConnection.ClearAllPools();
        var rows = report.Cases + report.Tasks + report.Entries;
        Console.WriteLine(FormattableString.Invariant(
            $"load: {templateCount:N0} cases written by the product in {written.TotalSeconds:F1} s ({templateCount * SeedTemplates.EntriesPerCase / written.TotalSeconds:F0} transitions/s); ")
            + FormattableString.Invariant($"{report.Cases:N0} copied ({rows:N0} rows) in {report.Copy.TotalSeconds:F1} s ({rows / Math.Max(0.001, report.Copy.TotalSeconds):F0} rows/s), indexes rebuilt in {report.Indexes.TotalSeconds:F1} s; ")
            + FormattableString.Invariant($"total {total.Elapsed.TotalSeconds:F1} s; file {new FileInfo(db).Length / 1024.0 / 1024.0:F0} MiB"));
    }

    /// <summary>
    /// The matters and their procedures (workflows/), then cases of a catalogued matter written by the product: what the
    /// efficiency dashboard counts (the bench procedure's cases belong to no matter).
    /// </summary>
    private static async Task<List<string>> WriteMatterCasesAsync(IServiceProvider services, SeedClock clock, string workflows, int count)
    {
        await services.GetRequiredService<ImportProcedures>().RunAsync(workflows, Actor.Operator("bench"), publish: true);
        return await SeedMatterCases.WriteAsync(services, clock, count);
    }

    /// <summary>By default one per ten templates (at least 10); <c>--matter-cases</c> sets the number.</summary>
    private static int MatterCases(int templateCount) => Math.Max(10, templateCount / 10);

    /// <summary>
    /// A new process on the seeded file, timed from launch to its first inbox page (runtime start, DI, the migration
    /// check, the timer reconcile): the page cache is warm, so this is a restart, not a cold boot.
    /// </summary>
    private static double? ColdStart(string db)
    {
        if (Probe("--ready-probe", db) is not { } start) return null;
        var times = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            using var probe = Process.Start(start)!;
            probe.StandardOutput.ReadToEnd();
            probe.WaitForExit();
            if (probe.ExitCode != 0) return null;
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times.Order().ElementAt(1);
    }

    /// <summary>This bench as a child process in <paramref name="mode"/> on the file, output redirected; null when it cannot say how it was started.</summary>
    public static ProcessStartInfo? Probe(string mode, string db)
    {
        if (Environment.ProcessPath is not { } self) return null;
        // Run as the apphost or as "dotnet CloudApproval.Bench.dll", the probe is started the same way.
        string[] args = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? [typeof(ScaleBench).Assembly.Location, mode, "--db", db]
            : [mode, "--db", db];
        return new ProcessStartInfo(self, args) { RedirectStandardOutput = true, WorkingDirectory = Directory.GetCurrentDirectory() };
    }

    /// <summary>The child side of <see cref="ColdStart"/>: start like a host does, read one inbox page, exit.</summary>
    public static async Task<int> ReadyProbeAsync(string db, string workflows)
    {
        await using var services = new ServiceCollection()
            .AddCloudApprovalCases(new CasesSettings { Database = new DatabaseOptions { SqlitePath = db, MustExist = true }, WorkflowsFolder = workflows })
            .BuildServiceProvider();
        await services.InitializeCasesAsync();
        var page = await services.GetRequiredService<TaskInbox>().ListAsync(new TaskQuery { Mine = true }, SeedTemplates.Clerk(SeedTemplates.Department(0), 0));
        Console.WriteLine(page.Tasks.Count);
        return 0;
    }

    private static string Figure(double? value) => value is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    private static string Check(bool ok, string what) => $"  [{(ok ? "met" : "MISSED")}] {what}";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
