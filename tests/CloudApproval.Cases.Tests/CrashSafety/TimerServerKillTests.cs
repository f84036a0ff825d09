using System.Diagnostics;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Tests.Support;
using CloudApproval.Cases.Timers;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tests.CrashSafety;

/// <summary>
/// The timer server (the real CLI's <c>timers run</c>, a child process) is killed with SIGKILL while a stream of due
/// timers is firing; a restarted server fires the rest. Every timer fires exactly once, none before its due instant.
/// </summary>
[TestFixture]
[NonParallelizable]
internal sealed class TimerServerKillTests
{
    private const int Cases = 300;

    private static readonly string Procedure = OneTimerProcedure.Json("one-timer", "One timer", "market-supervision", "30s");

    [Test]
    public async Task A_timer_server_killed_while_timers_fire_loses_none_and_fires_none_twice()
    {
        TestDatabases.RequireSqlite("the killed child is the file-based command line");
        using var folder = new TempFolder();
        var database = folder.File("cases.db");
        var procedures = Path.Combine(folder.Path, "procedures", "one-timer");
        Directory.CreateDirectory(procedures);
        await File.WriteAllTextAsync(Path.Combine(procedures, "v1.json"), Procedure);
        var caseIds = new List<string>();
        await using (var host = await CasesHost.StartAsync(folder))
        {
            await host.ImportAsync(Path.GetDirectoryName(procedures));
            // Due over about ten seconds from a few seconds after the last start.
            for (var i = 0; i < Cases; i++)
                caseIds.Add((await host.Runtime.StartAsync("one-timer", null, new System.Text.Json.Nodes.JsonObject { ["delay"] = $"{5 + i / 30}s" }, Actor.Operator("applicant-chen"))).CaseId);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var cli = Path.Combine(TestContext.CurrentContext.TestDirectory, "cloudapproval.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { cli, "timers", "run", "--db", database, "--workflows", Repo.Workflows, "--seal-keys", folder.File("seals") })
            start.ArgumentList.Add(arg);
        int firedAtKill;
        using (var child = Process.Start(start)!)
        {
            await Poll.UntilAsync(async () => await FiredCountAsync(database) >= Cases / 3, "a third of the timers to fire in the child", TimeSpan.FromSeconds(90));
            child.Kill(entireProcessTree: true); // SIGKILL
            await child.WaitForExitAsync();
            firedAtKill = await FiredCountAsync(database);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestContext.Progress.WriteLine($"killed with {firedAtKill} of {Cases} fired");
        Assert.That(firedAtKill, Is.LessThan(Cases), "killed while timers were still to fire");

        await using var restarted = await CasesHost.StartAsync(folder);
        await restarted.StartTimerServerAsync();
        await Poll.UntilAsync(async () => await FiredCountAsync(database) == Cases, "the rest to fire after the restart", TimeSpan.FromSeconds(90));

        await using (var db = restarted.Db())
        {
            var timers = await db.Timers.AsNoTracking().ToListAsync();
            Assert.That(timers.Where(t => t.FiredAt < t.DueAt).Select(t => t.CaseId), Is.Empty, "none fired before its due instant");
            var entries = await db.AuditEntries.Where(e => e.Action == "timer-fired").GroupBy(e => e.CaseId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            Assert.That(entries.Select(e => e.Key), Is.EquivalentTo(caseIds), "every case's timer fired");
            Assert.That(entries.Where(e => e.Count != 1).Select(e => $"{e.Key}: {e.Count}"), Is.Empty, "none fired twice");
        }
        Assert.That(await restarted.Get<ConsistencyCheck>().RunAsync(Actor.Operator("auditor")), Is.Empty);
        var chains = await restarted.Get<AuditVerifier>().VerifyAllAsync(Actor.Operator("auditor"));
        Assert.That(chains.Where(c => !c.Intact).Select(c => $"{c.CaseId}: {c.Reason}"), Is.Empty);
    }

    private static async Task<int> FiredCountAsync(string database)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM Timers WHERE Status = 'Fired'";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
