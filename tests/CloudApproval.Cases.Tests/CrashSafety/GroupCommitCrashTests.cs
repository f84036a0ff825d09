using System.Diagnostics;
using System.Globalization;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tests.CrashSafety;

/// <summary>
/// The group-commit path under SIGKILL: the real CLI's <c>stress</c> command with 16 concurrent workers (their
/// transitions meet at the commit and are written in shared batches) is killed while they run. The child prints an
/// operation only after its call returned, so every printed start, completion and event was acknowledged as committed;
/// after each kill every one of them must be in the database, with no half transition (consistency check) and every
/// audit chain intact.
/// </summary>
[TestFixture]
[NonParallelizable]
internal sealed class GroupCommitCrashTests
{
    private const int Rounds = 3;
    private const int Workers = 16;

    [Test]
    public async Task Killed_mid_batch_every_acknowledged_transition_survives_and_nothing_is_half_done()
    {
        TestDatabases.RequireSqlite("the killed child is the file-based command line");
        using var folder = new TempFolder();
        var database = folder.File("cases.db");
        var random = new Random(20261130);
        var acknowledged = new List<string>();
        for (var round = 1; round <= Rounds; round++)
        {
            // With 16 workers there is nearly always a batch being written; kill after a few dozen to a few hundred.
            var killAfter = random.Next(30, 250);
            var lines = await RunAndKillAsync(database, seed: round, killAfter);
            acknowledged.AddRange(lines);
            TestContext.Progress.WriteLine($"round {round}: killed after {lines.Count} acknowledged operations");
            // Hangfire's own SQLite file (sqlite-net) was once found malformed after a kill like this one, when every case
            // timer was a Hangfire job written by these 16 workers. Case timers are now rows of the cases database (the
            // timer pump), so nothing this test is about lives in that file; 8 rounds without this delete passed since.
            foreach (var file in Directory.GetFiles(folder.Path, "cases-hangfire.db*")) File.Delete(file);

            await using var host = await CasesHost.StartAsync(folder);
            Assert.That(await host.Get<ConsistencyCheck>().RunAsync(Actor.Operator("auditor")), Is.Empty, $"round {round}: no half transition");
            var chains = await host.Get<AuditVerifier>().VerifyAllAsync(Actor.Operator("auditor"));
            Assert.That(chains.Where(c => !c.Intact).Select(c => $"{c.CaseId}: {c.Reason}"), Is.Empty, $"round {round}: audit chains");
            Assert.That(await MissingAsync(host, acknowledged), Is.Empty, $"round {round}: every acknowledged operation is in the database");
        }
        Assert.That(acknowledged.Count(l => l.Contains(" complete ", StringComparison.Ordinal)), Is.GreaterThan(0), "completions were acknowledged, not only starts");
    }

    /// <summary>The acknowledged operations the database does not show.</summary>
    private static async Task<List<string>> MissingAsync(CasesHost host, List<string> acknowledged)
    {
        await using var db = host.Db();
        var missing = new List<string>();
        var events = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in acknowledged)
        {
            // op <n> start <case> | op <n> complete <case>/<localId> <outcome> | op <n> event <case> <name>
            var parts = line.Split(' ');
            switch (parts[2])
            {
                case "start":
                    if (!await db.Cases.AnyAsync(c => c.Id == parts[3])) missing.Add(line);
                    break;
                case "complete":
                    var (caseId, localId) = (parts[3][..parts[3].IndexOf('/', StringComparison.Ordinal)], parts[3][(parts[3].IndexOf('/', StringComparison.Ordinal) + 1)..]);
                    var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.CaseId == caseId && t.LocalId == localId);
                    if (task is not { Status: WorkTaskStatus.Completed } || task.Outcome != parts[4]) missing.Add(line);
                    break;
                case "event":
                    events[parts[3]] = events.GetValueOrDefault(parts[3]) + 1;
                    break;
            }
        }
        foreach (var (caseId, count) in events)
        {
            var received = await db.AuditEntries.CountAsync(e => e.CaseId == caseId && e.Action == "event-received");
            if (received < count) missing.Add($"{caseId}: {count} events acknowledged, {received} in its audit trail");
        }
        return missing;
    }

    /// <summary>Runs the stress driver with <see cref="Workers"/> workers until it acknowledged <paramref name="killAfter"/> operations, then SIGKILLs it.</summary>
    private static async Task<List<string>> RunAndKillAsync(string database, int seed, int killAfter)
    {
        var cli = Path.Combine(TestContext.CurrentContext.TestDirectory, "cloudapproval.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { cli, "stress", "--operations", "100000", "--workers", Workers.ToString(CultureInfo.InvariantCulture),
            "--seed", seed.ToString(CultureInfo.InvariantCulture), "--db", database, "--workflows", Repo.Workflows,
            "--seal-keys", Path.Combine(Path.GetDirectoryName(database)!, "seals") })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var acknowledged = new List<string>();
        var watch = Stopwatch.StartNew();
        while (acknowledged.Count < killAfter && watch.Elapsed < TimeSpan.FromSeconds(90))
        {
            var line = await process.StandardOutput.ReadLineAsync();
            if (line is null) break;
            if (line.StartsWith("op ", StringComparison.Ordinal) && !line.Contains(" refused ", StringComparison.Ordinal)) acknowledged.Add(line);
        }
        if (process.HasExited)
            Assert.Fail($"the stress process ended by itself (exit {process.ExitCode}): {await process.StandardError.ReadToEndAsync()}");
        process.Kill(entireProcessTree: true);
        // Lines already in the pipe were acknowledged before the kill too; a last line without its newline may be cut short.
        var rest = (await process.StandardOutput.ReadToEndAsync()).Split('\n');
        acknowledged.AddRange(rest[..^1].Where(l => l.StartsWith("op ", StringComparison.Ordinal) && !l.Contains(" refused ", StringComparison.Ordinal)));
        await process.WaitForExitAsync();
        return acknowledged;
    }
}
