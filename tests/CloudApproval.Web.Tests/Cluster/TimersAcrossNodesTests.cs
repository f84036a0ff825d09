using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CloudApproval.Web.Tests.Support;
using Npgsql;

namespace CloudApproval.Web.Tests.Cluster;

/// <summary>
/// Case timers with two nodes serving Hangfire on one PostgreSQL database: every timer fires exactly once, also when a
/// node is killed while a batch is firing (the timer pump's lock it held is taken over after the configured lock timeout). Each case is a procedure that waits on a Timer of the delay it was started with and then ends,
/// so a fired timer is a committed transition of a real case through the product's own timer path (timer row, the
/// Hangfire server's timer pump taking it when due, TimerJob resuming the case).
/// </summary>
[NonParallelizable]
[Category(TestCategories.TwoNodes)]
public sealed class TimersAcrossNodesTests
{
    private const int Batch = 2000;
    private const int Clients = 8;

    /// <summary>Each case waits 5 s plus its share of this window: a batch's timers fall due over the time its cases take
    /// to start plus this window.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(20);

    /// <summary>Hangfire's invisibility and lock timeouts on PostgreSQL (CasesServices): what a survivor may wait for.</summary>
    private static readonly TimeSpan TakeOver = TimeSpan.FromMinutes(1);

    private static readonly string Procedure = OneTimerProcedure.Json("node-timer", "Timer across nodes", "market-supervision", "30s");

    [Test]
    public async Task TwoThousandTimers_FireExactlyOnce_OnTwoNodes_AndStillOnce_WhenANodeIsKilledMidBatch()
    {
        TestDatabases.RequirePostgreSql("two nodes on one server database");
        await using var cluster = await TwoNodes.StartAsync();
        using (var analyst = await cluster.ClientAsync(0, "analyst-zhao"))
        {
            using var draft = await analyst.PutAsync("/api/procedures/node-timer/draft", HttpApi.Json(Procedure));
            await draft.ExpectAsync(HttpStatusCode.OK, "draft");
            using var publish = await analyst.PostAsync("/api/procedures/node-timer/draft/publish", null);
            await publish.ExpectAsync(HttpStatusCode.OK, "publish");
        }
        var applicants = new[] { await cluster.ClientAsync(0, "applicant-chen"), await cluster.ClientAsync(1, "applicant-chen") };

        // First batch: both nodes stay up.
        var first = await StartBatchAsync(applicants);
        var firstFired = await WaitFiredAsync(cluster.Database, first, TimeSpan.FromMinutes(2));
        Report("both nodes", first, firstFired);

        // Second batch: node 1 is killed once about half of it has fired.
        var second = await StartBatchAsync(applicants);
        await WaitFiredAsync(cluster.Database, second, TimeSpan.FromMinutes(2), until: Batch / 2);
        var killedAt = DateTime.UtcNow;
        cluster.Kill(1);
        var secondFired = await WaitFiredAsync(cluster.Database, second, TakeOver * 2 + TimeSpan.FromSeconds(60));
        Report("node 1 killed mid-batch", second, secondFired);
        var last = secondFired.Max(t => t.FiredAt);
        TestContext.Out.WriteLine($"last timer fired {(last - killedAt).TotalSeconds:0.0} s after the kill");
        Assert.That(last - killedAt, Is.LessThan(TakeOver * 2 + TimeSpan.FromSeconds(30)),
            "the survivor takes over the dead node's jobs and locks within the invisibility and lock timeouts");

        // Exactly once: one timer-fired entry per case, every case completed once, every chain intact.
        foreach (var batch in new[] { first, second })
        {
            var entries = await FiredEntriesAsync(cluster.Database, batch.CaseIds);
            Assert.That(entries.Keys, Is.EquivalentTo(batch.CaseIds), "every case's timer fired");
            Assert.That(entries.Where(e => e.Value != 1).Select(e => $"{e.Key}: {e.Value}"), Is.Empty, "no timer fired twice");
        }
        Assert.That(firstFired.Concat(secondFired).Where(t => t.FiredAt < t.DueAt).Select(t => t.CaseId), Is.Empty, "no timer fired before its due instant");
        using var auditor = await cluster.ClientAsync(0, "auditor-sun");
        using var verify = await auditor.GetAsync("/api/audit/verify");
        var verification = await verify.ExpectAsync(HttpStatusCode.OK, "audit verify");
        Assert.That((bool)verification["intact"]!, Is.True, verification.ToJsonString());
        Assert.That((int)verification["cases"]!, Is.EqualTo(2 * Batch));
        foreach (var client in applicants) client.Dispose();
    }

    private sealed record StartedBatch(IReadOnlyList<string> CaseIds, TimeSpan StartTook);

    private sealed record FiredTimer(string CaseId, DateTime DueAt, DateTime FiredAt);

    /// <summary>
    /// Starts <see cref="Batch"/> cases with concurrent clients, round-robin over both nodes, the later ones
    /// with longer delays so that the batch's timers fall due spread over a window rather than all in one second.
    /// </summary>
    private static async Task<StartedBatch> StartBatchAsync(HttpClient[] applicants)
    {
        var watch = Stopwatch.StartNew();
        var ids = new string[Batch];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < Batch; i = Interlocked.Increment(ref next))
            {
                var client = applicants[i % applicants.Length];
                var delay = 5 + (int)(Window.TotalSeconds * i / Batch);
                ids[i] = await client.StartCaseAsync("node-timer", new JsonObject { ["delay"] = $"{delay}s" });
            }
        }));
        TestContext.Out.WriteLine($"{Batch} cases started in {watch.Elapsed.TotalSeconds:0.0} s ({Batch / watch.Elapsed.TotalSeconds:0} /s) over both nodes");
        return new StartedBatch(ids, watch.Elapsed);
    }

    /// <summary>Waits until <paramref name="until"/> (all by default) of the batch's timers have fired; answers those fired.</summary>
    private static async Task<List<FiredTimer>> WaitFiredAsync(string database, StartedBatch batch, TimeSpan timeout, int until = Batch)
    {
        List<FiredTimer> fired = [];
        await Poll.UntilAsync<bool>(async () =>
        {
            fired = await FiredTimersAsync(database, batch.CaseIds);
            await Task.Delay(400);
            return fired.Count >= until ? true : null;
        }, $"{until} of {Batch} timers to fire (fired so far: {fired.Count})", timeout);
        return fired;
    }

    private static async Task<List<FiredTimer>> FiredTimersAsync(string database, IReadOnlyList<string> caseIds)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """SELECT "CaseId", "DueAt", "FiredAt" FROM "Timers" WHERE "Status" = 'Fired' AND "CaseId" = ANY(@ids)""", connection);
        command.Parameters.AddWithValue("ids", caseIds.ToArray());
        var fired = new List<FiredTimer>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            fired.Add(new FiredTimer(reader.GetString(0), reader.GetDateTime(1), reader.GetDateTime(2)));
        return fired;
    }

    /// <summary>How many timer-fired audit entries each case has.</summary>
    private static async Task<Dictionary<string, int>> FiredEntriesAsync(string database, IReadOnlyList<string> caseIds)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """SELECT "CaseId", count(*) FROM "AuditEntries" WHERE "Action" = 'timer-fired' AND "CaseId" = ANY(@ids) GROUP BY "CaseId" """, connection);
        command.Parameters.AddWithValue("ids", caseIds.ToArray());
        var counts = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = (int)reader.GetInt64(1);
        return counts;
    }

    private static void Report(string what, StartedBatch batch, List<FiredTimer> fired)
    {
        var lateness = fired.Select(t => (t.FiredAt - t.DueAt).TotalMilliseconds).Order().ToArray();
        double Percentile(double p) => lateness[Math.Min(lateness.Length - 1, (int)Math.Ceiling(p * lateness.Length) - 1)];
        TestContext.Out.WriteLine(
            $"{what}: {fired.Count} timers fired, lateness p50 {Percentile(0.50):0} ms, p99 {Percentile(0.99):0} ms, max {lateness[^1]:0} ms " +
            $"(cases started in {batch.StartTook.TotalSeconds:0.0} s)");
    }
}
