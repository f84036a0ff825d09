using System.Diagnostics;
using System.Globalization;
using CloudApproval.Bench;
using CloudApproval.Cases.Persistence;

// Durable transitions vs bare SQLite commits. See README.md for what each row means.
var options = BenchOptions.Parse(args);
if (options is null) return 2;

if (RepositoryRoot() is not { } root)
{
    await Console.Error.WriteLineAsync("CloudApproval.sln not found above the current directory: run from the repository (the calendars in workflows/ are needed)");
    return 2;
}
var workflows = Path.Combine(root, "workflows");
var work = Path.Combine(options.Directory ?? Path.GetTempPath(), $"cloudapproval-bench-{Environment.ProcessId}");
var definitions = Path.Combine(work, "definitions");
Directory.CreateDirectory(Path.Combine(definitions, CaseWorkload.DefinitionId));
File.Copy(Path.Combine(AppContext.BaseDirectory, "six-step.json"), Path.Combine(definitions, CaseWorkload.DefinitionId, "v1.json"));

try
{
    if (options.ReadyProbe) return await ScaleBench.ReadyProbeAsync(options.Database!, workflows);
    if (options.MemoryProbe) return await ScaleMemory.ProbeAsync(options.Database!, workflows);
    if (options.TimerServer) return await TimerScale.ServeAsync(options.Database!, workflows);
    if (options.Seed) return await ScaleBench.RunAsync(options, workflows, definitions, work);
    if (options.Http) return await HttpBench.RunAsync(options, workflows, definitions, work);
    if (options.Postgres is { } postgres) return await PostgresRows.RunAsync(options, postgres, workflows, definitions, work);
    if (options.Timers is { } timers) return await TimerScale.RunAsync(timers, options.TimerRate, options.TimerSeconds, options.TimerKill, workflows, work);
    Console.WriteLine($"CloudApproval.Bench: {options.Cases} cases per row (after a warm-up of at least {options.Warmup}), {Environment.ProcessorCount} cores, .NET {Environment.Version}, databases under {work}");

    // The disk is measured before and after the rows (its speed drifts on a shared machine); the mean is the reference.
    var bareBefore = BareSqlite.InsertTransactionsPerSecond(Path.Combine(work, "bare-full.db"), "FULL", TimeSpan.FromSeconds(2));
    var bareNormal = BareSqlite.InsertTransactionsPerSecond(Path.Combine(work, "bare-normal.db"), "NORMAL", TimeSpan.FromSeconds(1));

    RowSpec[] rows =
    [
        new("seq FULL", SqliteSynchronous.Full, 1, ExplicitClaims: false),
        new("seq FULL +claims", SqliteSynchronous.Full, 1, ExplicitClaims: true),
        new($"{options.Workers}w FULL", SqliteSynchronous.Full, options.Workers, ExplicitClaims: false),
        new("seq NORMAL", SqliteSynchronous.Normal, 1, ExplicitClaims: false),
        new($"{options.Workers}w NORMAL", SqliteSynchronous.Normal, options.Workers, ExplicitClaims: false),
        .. GroupRows.Specs,
    ];
    var results = new List<RowResult>();
    for (var i = 0; i < rows.Length; i++)
    {
        if (options.Rows is { } only && !only.Contains(i + 1)) continue;
        var db = Path.Combine(work, $"row{i + 1}", "cases.db");
        var result = await CaseWorkload.RunAsync(rows[i], options.Cases, options.Warmup, workflows, definitions, db);
        await Console.Error.WriteLineAsync(
            $"  {rows[i].Name}: {result.CasesPerSecond:F1} cases/s ({result.Pragmas}; warm-up {result.WarmupCases} cases in {result.WarmupTime.TotalSeconds:F1} s; {result.JittedDuringRow} methods jitted while measuring)");
        results.Add(result);
    }

    var bareAfter = BareSqlite.InsertTransactionsPerSecond(Path.Combine(work, "bare-full.db"), "FULL", TimeSpan.FromSeconds(2));
    var bareFull = (bareBefore + bareAfter) / 2;
    Console.WriteLine(
        $"bare SQLite single-row insert transactions, one connection, WAL: FULL {bareFull:F0}/s ({1000 / bareFull:F3} ms each; {bareBefore:F0} before the rows, {bareAfter:F0} after), NORMAL {bareNormal:F0}/s");
    Console.WriteLine();
    Console.WriteLine(Table.Render(results, bareFull, bareNormal));
    if (results.Count < rows.Length) return 0;
    var main = results[0];
    var ratio = main.TransitionsPerSecond / bareFull;
    var concurrent = results[2];
    Console.WriteLine();
    Console.WriteLine("Targets (seq FULL row):");
    Console.WriteLine(Check(main.CasesPerSecond >= 250, $"cases/s {main.CasesPerSecond:F1} >= 250 (Elsa 3.7.1: ~10)"));
    Console.WriteLine(Check(main.WriteTransactionsPerTransition <= 1.0001, $"write transactions per transition {main.WriteTransactionsPerTransition:F2} <= 1 (Elsa 3.7.1: ~33 per workflow, ~5 per step)"));
    Console.WriteLine(Check(ratio >= 0.25, $"transitions/s / bare tx/s = {ratio:F3} >= 0.25"));
    Console.WriteLine(Check(concurrent.CasesPerSecond >= main.CasesPerSecond, $"{concurrent.Spec.Name} {concurrent.CasesPerSecond:F1} cases/s >= seq {main.CasesPerSecond:F1}"));
    GroupRows.Report(results, bareFull);
    Console.WriteLine(FormattableString.Invariant(
        $"RESULT cases_per_s={main.CasesPerSecond:F1} transitions_per_s={main.TransitionsPerSecond:F1} bare_tx_per_s={bareFull:F1} ratio={ratio:F3}"));
    return 0;
}
finally
{
    if (!options.Keep)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"could not remove {work}: {ex.Message}");
        }
    }
}

static string Check(bool ok, string what) => $"  [{(ok ? "met" : "MISSED")}] {what}";

// The repository's workflows/ folder holds the calendars every working-day deadline needs.
static string? RepositoryRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "CloudApproval.sln"))) return dir.FullName;
    return null;
}

namespace CloudApproval.Bench
{
    internal sealed record BenchOptions(int Cases, int Warmup, int Workers, string? Directory, bool Keep, IReadOnlySet<int>? Rows)
    {
        /// <summary>--seed: build the city-sized database and measure reads on it instead of the transition rows.</summary>
        public bool Seed { get; init; }
        /// <summary>Fraction of the city size (1,000,000 cases) to seed.</summary>
        public double Scale { get; init; } = 1.0;
        /// <summary>--matter-cases N: cases of the catalogued matter written by the product (default one per ten templates).</summary>
        public int? MatterCases { get; init; }
        /// <summary>The seeded database file (default: under the work folder, deleted unless --keep).</summary>
        public string? Database { get; init; }
        /// <summary>Measure an existing --db file instead of seeding it again.</summary>
        public bool Reuse { get; init; }
        public int ReadIterations { get; init; } = 200;
        /// <summary>--http: the case through the web host's API by 16 clients, against 16 workers in process.</summary>
        public bool Http { get; init; }
        /// <summary>--timers N: N pending timers, then a steady stream of due ones (see TimerScale).</summary>
        public int? Timers { get; init; }
        public int TimerRate { get; init; } = 200;
        public int TimerSeconds { get; init; } = 60;
        /// <summary>--timer-kill: the steady stream is fired by a timer server in a child process, SIGKILLed halfway and restarted.</summary>
        public bool TimerKill { get; init; }
        /// <summary>Internal: the child process that runs the timer server for --timer-kill.</summary>
        public bool TimerServer { get; init; }
        /// <summary>Internal: the child process of the cold-start measurement.</summary>
        public bool ReadyProbe { get; init; }
        /// <summary>Internal: the child process of the memory measurement (see ScaleMemory).</summary>
        public bool MemoryProbe { get; init; }
        /// <summary>--postgres: the case rows on this PostgreSQL cluster (connection string) instead of SQLite.</summary>
        public string? Postgres { get; init; }

        public static BenchOptions? Parse(string[] args)
        {
            int cases = 1000, workers = 4;
            int? warmup = null;
            string? directory = null;
            var keep = false;
            HashSet<int>? rows = null;
            bool seed = false, reuse = false, probe = false, memoryProbe = false, http = false, timerKill = false, timerServer = false;
            var scale = 1.0;
            var reads = 200;
            string? database = null, postgres = null;
            int? timers = null, matterCases = null;
            int timerRate = 200, timerSeconds = 60;
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--cases" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
                        cases = n;
                        i++;
                        break;
                    case "--warmup" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var w) && w >= 0:
                        warmup = w;
                        i++;
                        break;
                    case "--workers" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var k) && k > 0:
                        workers = k;
                        i++;
                        break;
                    case "--dir" when i + 1 < args.Length:
                        directory = args[++i];
                        break;
                    case "--rows" when i + 1 < args.Length:
                        rows = [.. args[++i].Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture))];
                        break;
                    case "--keep":
                        keep = true;
                        break;
                    case "--seed":
                        seed = true;
                        break;
                    case "--scale" when i + 1 < args.Length && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0 && f <= 10:
                        scale = f;
                        i++;
                        break;
                    case "--matter-cases" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var mc) && mc > 0:
                        matterCases = mc;
                        i++;
                        break;
                    case "--db" when i + 1 < args.Length:
                        database = Path.GetFullPath(args[++i]);
                        break;
                    case "--reuse":
                        reuse = true;
                        break;
                    case "--reads" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var r) && r > 0:
                        reads = r;
                        i++;
                        break;
                    case "--http":
                        http = true;
                        break;
                    case "--postgres" when i + 1 < args.Length:
                        postgres = args[++i];
                        break;
                    case "--timers" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var t) && t > 0:
                        timers = t;
                        i++;
                        break;
                    case "--timer-rate" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var tr) && tr > 0:
                        timerRate = tr;
                        i++;
                        break;
                    case "--timer-seconds" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var ts) && ts > 0:
                        timerSeconds = ts;
                        i++;
                        break;
                    case "--timer-kill":
                        timerKill = true;
                        break;
                    case "--timer-server":
                        timerServer = true;
                        break;
                    case "--ready-probe":
                        probe = true;
                        break;
                    case "--memory-probe":
                        memoryProbe = true;
                        break;
                    default:
                        Console.Error.WriteLine($"unknown or invalid argument '{args[i]}'");
                        Console.Error.WriteLine("usage: CloudApproval.Bench [--cases N (1000)] [--warmup N (at least this many cases, then until the JIT settles; default 100)] [--workers N (4)] [--dir folder (temp)] [--keep] [--rows 1,3 (only these rows, no RESULT line)]");
                        Console.Error.WriteLine("       CloudApproval.Bench --http [--cases N] [--warmup N] [--reads N (inbox pages, 200)] [--dir folder] [--keep]");
                        Console.Error.WriteLine("       CloudApproval.Bench --postgres \"<connection string>\" [--cases N] [--warmup N]");
                        Console.Error.WriteLine("       CloudApproval.Bench --timers N (pending timers) [--timer-rate R (200 due/s)] [--timer-seconds S (60)] [--timer-kill (SIGKILL the timer server halfway)] [--dir folder] [--keep]");
                        Console.Error.WriteLine("       CloudApproval.Bench --seed [--scale F (1 = 1,000,000 cases)] [--matter-cases N (of one matter in one department; default one per ten product-written cases)] [--db file (kept)] [--reuse (measure an existing --db)] [--reads N (200 per read)] [--dir folder] [--keep]");
                        return null;
                }
            }
            if ((probe || memoryProbe || timerServer) && database is null) return null;
            // A database named by --db lies outside the work folder, so it stays after the run.
            return new BenchOptions(cases, warmup ?? 100, workers, directory, keep, rows)
            {
                Seed = seed,
                Scale = scale,
                MatterCases = matterCases,
                Database = database,
                Reuse = reuse,
                ReadIterations = reads,
                ReadyProbe = probe,
                MemoryProbe = memoryProbe,
                Http = http,
                Postgres = postgres,
                Timers = timers,
                TimerRate = timerRate,
                TimerSeconds = timerSeconds,
                TimerKill = timerKill,
                TimerServer = timerServer,
            };
        }
    }

    internal static class Table
    {
        public static string Render(IReadOnlyList<RowResult> rows, double bareFull, double bareNormal)
        {
            var header = new[] { "row", "workers", "claims", "cases/s", "trans/s", "p50 ms", "p99 ms", "claim p50", "wtx/trans", "cmds/trans", "reads/trans", "cpu ms/trans", "save ms/trans", "commit ms/trans", "alloc KB/trans", "peak WS MB", "trans/bare" };
            var lines = new List<string[]> { header };
            foreach (var r in rows)
            {
                var bare = r.Spec.Synchronous == SqliteSynchronous.Full ? bareFull : bareNormal;
                lines.Add(
                [
                    r.Spec.Name,
                    F(r.Spec.Workers, "0"),
                    r.Spec.ExplicitClaims ? "explicit" : "on complete",
                    F(r.CasesPerSecond, "F1"),
                    F(r.TransitionsPerSecond, "F0"),
                    F(r.P50Ms, "F3"),
                    F(r.P99Ms, "F3"),
                    double.IsNaN(r.ClaimP50Ms) ? "-" : F(r.ClaimP50Ms, "F3"),
                    F(r.WriteTransactionsPerTransition, "F2"),
                    F(r.CommandsPerTransition, "F2"),
                    F(r.ReadsPerTransition, "F2"),
                    F(r.CpuMsPerTransition, "F3"),
                    F(r.SaveMsPerTransition, "F3"),
                    F(r.CommitMsPerTransition, "F3"),
                    F(r.AllocatedKbPerTransition, "F0"),
                    F(r.PeakWorkingSet / 1024.0 / 1024.0, "F0"),
                    F(r.TransitionsPerSecond / bare, "F3"),
                ]);
            }
            var widths = Enumerable.Range(0, header.Length).Select(c => lines.Max(l => l[c].Length)).ToArray();
            return string.Join(Environment.NewLine, lines.Select(l =>
                string.Join("  ", l.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c])))));
        }

        private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
    }
}
