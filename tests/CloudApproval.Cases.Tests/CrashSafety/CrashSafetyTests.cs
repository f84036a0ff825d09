using System.Diagnostics;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Tests.Support;
using CloudApproval.Cases.Timers;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tests.CrashSafety;

/// <summary>
/// A child process (the real CLI's <c>stress</c> command, with a Hangfire server firing one-second timers) is killed
/// with SIGKILL at random points, again and again, on the same database. After every kill a restart must find no lost
/// or doubled transition, no orphan task or timer, intact audit chains, and pending timers that still fire.
/// </summary>
[TestFixture]
[NonParallelizable]
internal sealed class CrashSafetyTests
{
    private const int Rounds = 5;

    [Test]
    public async Task KilledAtRandomPoints_RestartFindsConsistentState_AndPendingTimersStillFire()
    {
        TestDatabases.RequireSqlite("the killed child is the file-based command line");
        using var folder = new TempFolder();
        var database = folder.File("cases.db");
        var random = new Random(20261125);
        var totalOperations = 0;
        for (var round = 1; round <= Rounds; round++)
        {
            // Kill anywhere from the first transaction to a few dozen in, sometimes while a timer is firing.
            var killAfter = random.Next(1, 40);
            var watch = Stopwatch.StartNew();
            totalOperations += await RunAndKillAsync(database, seed: round, killAfter);
            TestContext.Progress.WriteLine($"round {round}: killed after {killAfter} operations, {watch.Elapsed.TotalSeconds:0.0} s");

            await using var host = await CasesHost.StartAsync(folder);
            var problems = await host.Get<ConsistencyCheck>().RunAsync(Actor.Operator("auditor"));
            Assert.That(problems, Is.Empty, $"round {round}: consistency after SIGKILL");
            var chains = await host.Get<AuditVerifier>().VerifyAllAsync(Actor.Operator("auditor"));
            Assert.That(chains.Where(c => !c.Intact).Select(c => $"{c.CaseId}: {c.Reason}"), Is.Empty, $"round {round}: audit chains");
            TestContext.Progress.WriteLine($"round {round}: restart and checks of {chains.Count} cases done at {watch.Elapsed.TotalSeconds:0.0} s");
        }
        Assert.That(totalOperations, Is.GreaterThan(Rounds), "the child process did real work before each kill");

        await using var final = await CasesHost.StartAsync(folder);
        int cases;
        await using (var db = final.Db()) cases = await db.Cases.CountAsync();
        Assert.That(cases, Is.GreaterThan(0));
        await final.StartTimerServerAsync();
        await Poll.UntilAsync(async () =>
        {
            await using var db = final.Db();
            var now = DateTime.UtcNow;
            return !await db.Timers.AnyAsync(t => t.Status == CaseTimerStatus.Pending && t.DueAt < now.AddSeconds(-1));
        }, "every timer that fell due while no process was running to fire", TimeSpan.FromSeconds(30));
        Assert.That(await final.Get<ConsistencyCheck>().RunAsync(Actor.Operator("auditor")), Is.Empty, "consistency after the overdue timers fired");
    }

    /// <summary>Runs the stress driver until it has printed <paramref name="killAfter"/> operations, then SIGKILLs it.</summary>
    private static async Task<int> RunAndKillAsync(string database, int seed, int killAfter)
    {
        var cli = Path.Combine(TestContext.CurrentContext.TestDirectory, "cloudapproval.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { cli, "stress", "--operations", "100000", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", database, "--workflows", Repo.Workflows,
            "--seal-keys", Path.Combine(Path.GetDirectoryName(database)!, "seals") })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var operations = 0;
        var watch = Stopwatch.StartNew();
        while (operations < killAfter && watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            var line = await process.StandardOutput.ReadLineAsync();
            if (line is null) break;
            if (line.StartsWith("op ", StringComparison.Ordinal)) operations++;
        }
        if (process.HasExited)
            Assert.Fail($"the stress process ended by itself (exit {process.ExitCode}): {await process.StandardError.ReadToEndAsync()}");
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        return operations;
    }
}
