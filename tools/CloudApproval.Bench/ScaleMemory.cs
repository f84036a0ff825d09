using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CloudApproval.Cases;
using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CloudApproval.Bench;

/// <summary>
/// The process's memory with the open cases of a seeded database in use: a new process (so the loader's and the
/// reads' peaks do not count) sends every open case an event it does not wait for (its applicant asking: the product
/// parses the case's state through its StateCache to look for a waiting token, then again for the transition, which is
/// refused and rolls back, writing nothing), reads the case file of one in ten and an inbox page of one in a hundred;
/// then reports its working set and its peak, and the working set after a full collection.
/// </summary>
internal static partial class ScaleMemory
{
    public const int MaxCases = 100_000;
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(10);

    public sealed record Figures(int Cases, double Seconds, double WorkingSetMiB, double PeakMiB, double AfterGcMiB, double ManagedMiB);

    /// <summary>Runs the probe in a child process started like the cold-start probe; null when it could not run.</summary>
    public static Figures? Measure(string db)
    {
        if (ScaleBench.Probe("--memory-probe", db) is not { } start) return null;
        using var probe = Process.Start(start)!;
        var output = probe.StandardOutput.ReadToEnd();
        probe.WaitForExit();
        var line = Line().Match(output);
        if (probe.ExitCode != 0 || !line.Success) return null;
        double D(int group) => double.Parse(line.Groups[group].Value, CultureInfo.InvariantCulture);
        return new Figures((int)D(1), D(2), D(3), D(4), D(5), D(6));
    }

    /// <summary>The child side: start like a host does, put up to <see cref="MaxCases"/> open cases in use, print the figures.</summary>
    public static async Task<int> ProbeAsync(string db, string workflows)
    {
        await using var services = new ServiceCollection()
            .AddCloudApprovalCases(new CasesSettings { Database = new DatabaseOptions { SqlitePath = db, MustExist = true }, WorkflowsFolder = workflows })
            .BuildServiceProvider();
        await services.InitializeCasesAsync();
        var runtime = services.GetRequiredService<CaseRuntime>();
        var history = services.GetRequiredService<CaseHistory>();
        var inbox = services.GetRequiredService<TaskInbox>();
        var open = await OpenCasesAsync(services.GetRequiredService<CasesDbFactory>().ConnectionString!);
        var clock = Stopwatch.StartNew();
        var done = 0;
        // Where the time goes, reported every 5,000 cases: the pass is bounded by time on a slow machine.
        long events = 0, files = 0, pages = 0;
        foreach (var (caseId, applicant, department) in open)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await runtime.SendEventAsync(caseId, "bench-nothing-waits-for-this", null, new Actor(applicant, null, [ActorRoles.Applicant]));
                throw new InvalidOperationException($"case {caseId} accepted an event it does not wait for");
            }
            catch (CasesException e) when (e.Code.StartsWith("rejected-", StringComparison.Ordinal))
            {
                // Refused, as expected: the state was parsed, nothing was written.
            }
            events += Stopwatch.GetTimestamp() - started;
            started = Stopwatch.GetTimestamp();
            if (done % 10 == 0) await history.GetAsync(caseId, SeedTemplates.Clerk(department, done));
            files += Stopwatch.GetTimestamp() - started;
            started = Stopwatch.GetTimestamp();
            if (done % 100 == 0) await inbox.ListAsync(new TaskQuery { Mine = true }, SeedTemplates.Clerk(department, done));
            pages += Stopwatch.GetTimestamp() - started;
            done++;
            if (done % 5000 == 0)
                Console.Error.WriteLine(FormattableString.Invariant(
                    $"  memory probe: {done:N0} cases in {clock.Elapsed.TotalSeconds:F0} s (events {Stopwatch.GetElapsedTime(0, events).TotalSeconds:F0} s, case files {Stopwatch.GetElapsedTime(0, files).TotalSeconds:F0} s, inbox pages {Stopwatch.GetElapsedTime(0, pages).TotalSeconds:F0} s)"));
            if (clock.Elapsed > Budget) break;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        using var process = Process.GetCurrentProcess();
        var workingSet = process.WorkingSet64;
        var peak = process.PeakWorkingSet64;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        process.Refresh();
        // The case list itself is still referenced here: it is part of what the process holds.
        GC.KeepAlive(open);
        Console.WriteLine(FormattableString.Invariant(
            $"MEMORY cases={done} seconds={seconds:F1} events_s={Stopwatch.GetElapsedTime(0, events).TotalSeconds:F0} files_s={Stopwatch.GetElapsedTime(0, files).TotalSeconds:F0} pages_s={Stopwatch.GetElapsedTime(0, pages).TotalSeconds:F0} ws_mib={Mib(workingSet):F1} peak_mib={Mib(peak):F1} gc_mib={Mib(process.WorkingSet64):F1} managed_mib={Mib(GC.GetTotalMemory(false)):F1}"));
        return 0;
    }

    private static double Mib(long bytes) => bytes / 1024.0 / 1024.0;

    /// <summary>Open root cases (in id order, at most <see cref="MaxCases"/>), their applicant and the department of their task.</summary>
    private static async Task<List<(string CaseId, string Applicant, string Department)>> OpenCasesAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT c.Id, c.Applicant, COALESCE((SELECT t.Department FROM Tasks t WHERE t.CaseId = c.Id LIMIT 1), '{SeedMatterCases.Department}')
            FROM Cases c WHERE c.Status = 'Running' AND c.ParentCaseId IS NULL ORDER BY c.Id LIMIT {MaxCases}
            """;
        var cases = new List<(string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) cases.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return cases;
    }

    [GeneratedRegex(@"MEMORY cases=(\d+) seconds=([0-9.]+) events_s=\d+ files_s=\d+ pages_s=\d+ ws_mib=([0-9.]+) peak_mib=([0-9.]+) gc_mib=([0-9.]+) managed_mib=([0-9.]+)")]
    private static partial Regex Line();
}
