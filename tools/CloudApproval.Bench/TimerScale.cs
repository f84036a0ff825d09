using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CloudApproval.Cases;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Timers;
using CloudApproval.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CloudApproval.Bench;

/// <summary>
/// Timers at scale (<c>--timers N</c>): N pending case timers created through <see cref="CaseRuntime"/> (cases of a
/// procedure that waits on one Timer), a restart of the host with all of them pending, then a steady stream of timers
/// falling due at <c>--timer-rate</c> per second for <c>--timer-seconds</c>, fired by the product's own Hangfire server
/// (<see cref="TimerServices.AddCloudApprovalTimers"/>) on a SQLite file. Every firing is counted from the database:
/// the timer rows' due and fired times, and the timer-fired audit entries (one per case, or a timer fired twice).
/// </summary>
internal static class TimerScale
{
    public const string DefinitionId = "bench-timer";

    private static readonly string Procedure = OneTimerProcedure.Json(DefinitionId, "Benchmark: one timer", "bench", "30d");

    /// <summary>Cases started at once: the product's callers are many.</summary>
    private const int Writers = 4;

    /// <summary>The Hangfire workers of the bench's timer server (the web host's default).</summary>
    private const int TimerWorkers = 4;

    public static async Task<int> RunAsync(int pending, int rate, int seconds, bool kill, string workflows, string work)
    {
        var dbPath = Path.Combine(work, "timers", "cases.db");
        var definitions = Path.Combine(work, "timer-definitions");
        Directory.CreateDirectory(Path.Combine(definitions, DefinitionId));
        await File.WriteAllTextAsync(Path.Combine(definitions, DefinitionId, "v1.json"), Procedure);
        Console.WriteLine($"CloudApproval.Bench --timers: {pending} pending timers, then {rate}/s due for {seconds} s; {Environment.ProcessorCount} cores, load {Load()}, database {dbPath}");

        // 1. The pending timers, a month ahead, created while no timer server runs (a deployment being filled).
        double scheduledPerSecond;
        using (var filling = Build(dbPath, workflows))
        {
            await filling.Services.InitializeCasesAsync();
            await filling.Services.GetRequiredService<ImportProcedures>().RunAsync(definitions, Actor.Operator("bench"), publish: true);
            var runtime = filling.Services.GetRequiredService<CaseRuntime>();
            await StartCasesAsync(runtime, Math.Min(200, pending), _ => "30d"); // warm-up, part of the pending ones
            var clock = Stopwatch.StartNew();
            await StartCasesAsync(runtime, pending - Math.Min(200, pending), _ => "30d");
            scheduledPerSecond = (pending - Math.Min(200, pending)) / clock.Elapsed.TotalSeconds;
            Console.WriteLine(FormattableString.Invariant($"  created and scheduled {pending} pending timers: {scheduledPerSecond:F0} timers/s (load {Load()})"));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        // 2. A restart with all of them pending: the host's start (migrate, timer start-up work, recurring jobs, server).
        using var host = Build(dbPath, workflows);
        var start = Stopwatch.StartNew();
        await host.StartAsync();
        var startSeconds = start.Elapsed.TotalSeconds;
        Console.WriteLine(FormattableString.Invariant($"  host start with {pending} timers pending (timer start-up work included): {startSeconds:F2} s (load {Load()})"));

        // With --timer-kill the stream is fired by a timer server in a child process instead, SIGKILLed halfway and
        // restarted; this process only starts the cases (a host not running its server schedules timers all the same).
        if (kill) await host.StopAsync();
        Process? server = null;
        int? firedAtKill = null;

        // 3. A steady stream: case i's timer falls due at first + i/rate. Durations are whole seconds, so each case's
        // delay is rounded up from its start: its due instant lies within a second after its slot, spread evenly.
        var factory = host.Services.GetRequiredService<CasesDbFactory>();
        var steady = rate * seconds;
        var lead = TimeSpan.FromSeconds(steady / (scheduledPerSecond * 0.8) + 5);
        var first = DateTime.UtcNow + lead;
        var streamStart = DateTime.UtcNow;
        var ids = await StartCasesAsync(host.Services.GetRequiredService<CaseRuntime>(), steady, i =>
        {
            var slot = first + TimeSpan.FromSeconds((double)i / rate);
            return $"{Math.Max(1, (int)Math.Ceiling((slot - DateTime.UtcNow).TotalSeconds))}s";
        });
        var created = DateTime.UtcNow;
        Console.WriteLine(FormattableString.Invariant($"  {steady} steady-stream cases started in {(created - streamStart).TotalSeconds:F1} s; first due {(first - created).TotalSeconds:F1} s after the last start"));
        var deadline = first + TimeSpan.FromSeconds(seconds) + TimeSpan.FromSeconds(120);
        List<(DateTime Due, DateTime Fired)> fired;
        // Up before the first is due (5 s or more after the last start).
        if (kill) server = StartServer(dbPath);
        try
        {
            while (true)
            {
                fired = await FiredAsync(factory, ids);
                if (server is not null && firedAtKill is null && fired.Count >= steady / 2)
                {
                    await KillAsync(server); // SIGKILL, mid-batch as likely as not
                    server = null;
                    firedAtKill = (await FiredAsync(factory, ids)).Count;
                    Console.WriteLine(FormattableString.Invariant($"  timer server SIGKILLed with {firedAtKill} of {steady} fired; a new one started at once"));
                    server = StartServer(dbPath);
                }
                if (fired.Count == steady || DateTime.UtcNow > deadline) break;
                await Task.Delay(1000);
            }
        }
        finally
        {
            // Whatever happened, no timer server is left running on the file.
            if (server is not null) await KillAsync(server);
        }
        var late = fired.Select(f => (f.Fired - f.Due).TotalMilliseconds).Order().ToArray();
        var early = late.Count(l => l < 0);
        var twice = await FiredTwiceAsync(factory);
        var lost = steady - fired.Count;
        var dueSpan = fired.Count == 0 ? 0 : (fired.Max(f => f.Due) - fired.Min(f => f.Due)).TotalSeconds;
        Console.WriteLine(FormattableString.Invariant(
            $"  steady stream: {fired.Count}/{steady} fired, due over {dueSpan:F1} s ({fired.Count / Math.Max(dueSpan, 1):F0}/s); lateness p50 {P(late, 0.50):F0} ms, p99 {P(late, 0.99):F0} ms, max {(late.Length == 0 ? double.NaN : late[^1]):F0} ms; {early} before due (load {Load()})"));
        if (!kill) await host.StopAsync();

        Console.WriteLine();
        Console.WriteLine("Targets:");
        Console.WriteLine($"  [{(startSeconds < 10 ? "met" : "MISSED")}] start with {pending} pending timers {startSeconds:F2} s < 10 s");
        if (kill)
            Console.WriteLine($"  (lateness p99 {P(late, 0.99):F0} ms: with a SIGKILL and a restart in the stream, not the steady-state target: the timers due then wait for the new process to start and take the pump's lock)");
        else
            Console.WriteLine($"  [{(P(late, 0.99) < 2000 ? "met" : "MISSED")}] lateness p99 {P(late, 0.99):F0} ms < 2000 ms at {rate}/s");
        Console.WriteLine($"  [{(twice == 0 && lost == 0 && early == 0 ? "met" : "MISSED")}] every timer fired once, none before due: fired twice {twice}, lost {lost}, early {early}");
        Console.WriteLine(FormattableString.Invariant(
            $"RESULT-timers scheduled_per_s={scheduledPerSecond:F0} reconcile_s={startSeconds:F2} late_p50_ms={P(late, 0.50):F0} late_p99_ms={P(late, 0.99):F0} late_max_ms={(late.Length == 0 ? double.NaN : late[^1]):F0} fired_twice={twice} lost={lost}{(firedAtKill is { } k ? $" sigkill_at_fired={k}" : "")}"));
        return twice == 0 && lost == 0 && early == 0 ? 0 : 1;
    }

    /// <summary>The child side of --timer-kill: the host with its timer server on <paramref name="dbPath"/>, until killed.</summary>
    public static async Task<int> ServeAsync(string dbPath, string workflows)
    {
        using var host = Build(dbPath, workflows);
        await host.RunAsync();
        return 0;
    }

    /// <summary>This bench as the timer server of <paramref name="dbPath"/>, in a child process; its output is drained.</summary>
    private static Process StartServer(string dbPath)
    {
        var start = ScaleBench.Probe("--timer-server", dbPath) ?? throw new InvalidOperationException("cannot tell how this bench was started, so it cannot start itself as the timer server");
        start.RedirectStandardError = true;
        var child = Process.Start(start) ?? throw new InvalidOperationException("the timer server process did not start");
        child.OutputDataReceived += (_, _) => { };
        child.ErrorDataReceived += (_, _) => { };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        return child;
    }

    private static async Task KillAsync(Process server)
    {
        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync();
        server.Dispose();
    }

    /// <summary>The host every deployment builds: the cases shell and the timer server, with the product's settings.</summary>
    private static IHost Build(string dbPath, string workflows)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        builder.Services
            .AddCloudApprovalCases(new CasesSettings { Database = new DatabaseOptions { SqlitePath = dbPath }, WorkflowsFolder = workflows })
            .AddCloudApprovalTimers(TimerWorkers, "bench");
        return builder.Build();
    }

    /// <summary>Starts <paramref name="count"/> cases with <see cref="Writers"/> concurrent callers, case i waiting <paramref name="delay"/>(i).</summary>
    private static async Task<string[]> StartCasesAsync(CaseRuntime runtime, int count, Func<int, string> delay)
    {
        var ids = new string[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var applicant = new Actor($"applicant-{i % 1000}", null, [ActorRoles.Applicant]);
                var outcome = await runtime.StartAsync(DefinitionId, null, new JsonObject { ["delay"] = delay(i) }, applicant);
                ids[i] = outcome.CaseId;
            }
        })));
        return ids;
    }

    private static async Task<List<(DateTime Due, DateTime Fired)>> FiredAsync(CasesDbFactory factory, string[] caseIds)
    {
        var fired = new List<(DateTime, DateTime)>(caseIds.Length);
        await using var db = factory.CreateDbContext();
        foreach (var chunk in caseIds.Chunk(500))
            fired.AddRange((await db.Timers.AsNoTracking()
                    .Where(t => chunk.Contains(t.CaseId) && t.Status == CaseTimerStatus.Fired)
                    .Select(t => new { t.DueAt, t.FiredAt })
                    .ToListAsync())
                .Select(t => (t.DueAt, t.FiredAt!.Value)));
        return fired;
    }

    /// <summary>Cases with more than one timer-fired entry: each bench case has one timer.</summary>
    private static async Task<int> FiredTwiceAsync(CasesDbFactory factory)
    {
        await using var db = factory.CreateDbContext();
        return await db.AuditEntries.Where(e => e.Action == "timer-fired").GroupBy(e => e.CaseId).CountAsync(g => g.Count() > 1);
    }

    private static double P(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1))];

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
