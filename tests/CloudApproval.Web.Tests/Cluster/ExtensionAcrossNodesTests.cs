using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudApproval.Cases;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CloudApproval.Web.Tests.Cluster;

/// <summary>
/// Extension by notice (延期办) with two nodes on one PostgreSQL database: the notice is applied through a node, the
/// node running its job (whichever Hangfire server fetched it) is killed between two batches, and the job resumes on
/// the other node once Hangfire's invisibility timeout releases it, extending every licence exactly once. The licences
/// are issued by real cases of a procedure that issues one at its start.
/// </summary>
[NonParallelizable]
[Category(TestCategories.TwoNodes)]
public sealed partial class ExtensionAcrossNodesTests
{
    /// <summary>Three batches of the job (200, 200, 50): the node dies after the first, the survivor does the other two.</summary>
    private const int Licences = 450;

    private const string LicenceType = "node-extension-licence";

    /// <summary>
    /// The test hosts' pause after each committed batch (<c>CloudApproval:ExtensionBatchPause</c>): without it a batch of
    /// 200 can commit, and the next begin, within the time it takes to see the first and kill the node, so the kill
    /// could land after the last batch and prove nothing.
    /// </summary>
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(3);

    /// <summary>Hangfire's invisibility and lock timeouts on PostgreSQL (CasesServices): what the survivor waits for.</summary>
    private static readonly TimeSpan TakeOver = TimeSpan.FromMinutes(1);

    private static readonly string Procedure = $$"""
        {
          "definitionId": "node-licence",
          "version": 1,
          "name": "Licence at once",
          "description": "Issues a licence of the market-supervision department at its start, then ends.",
          "variables": [{ "name": "department", "type": "text", "default": "market-supervision" }],
          "activities": [
            { "id": "start", "type": "Start", "displayName": "Start", "inputs": {} },
            { "id": "issue", "type": "IssueLicence", "displayName": "Issue", "inputs": { "licenceType": "{{LicenceType}}", "validity": "5y" } },
            { "id": "end", "type": "End", "displayName": "End", "inputs": { "outcome": "approved" } }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "issue" },
            { "source": "issue", "outcome": "done", "target": "end" }
          ]
        }
        """;

    [Test]
    public async Task AnExtensionJob_WhoseNodeIsKilledMidway_ResumesOnTheOtherNode_AndExtendsEveryLicenceOnce()
    {
        TestDatabases.RequirePostgreSql("two nodes on one server database");
        var watch = Stopwatch.StartNew();
        var caseIds = Array.Empty<string>();
        await using var cluster = await TwoNodes.StartAsync(
            new Dictionary<string, string> { ["CloudApproval__ExtensionBatchPause"] = Pause.ToString() },
            async (database, shared) => caseIds = await IssueLicencesAsync(database, shared));
        var (firstDay, lastDay) = await ValidityRangeAsync(cluster.Database);
        var newDay = lastDay.AddYears(1);

        using var head = await cluster.ClientAsync(0, "head-zhou");
        using var create = await head.PostAsJsonAsync("/api/extension-notices", new JsonObject
        {
            ["department"] = "market-supervision",
            ["licenceType"] = LicenceType,
            ["expiringFrom"] = Day(firstDay),
            ["expiringTo"] = Day(lastDay),
            ["newValidUntil"] = Day(newDay),
            ["legalBasis"] = "两节点测试: every licence of the test type is extended by a year",
        });
        var noticeId = (long)(await create.ExpectAsync(HttpStatusCode.Created, "create the notice"))["id"]!;
        using var apply = await head.PostAsync($"/api/extension-notices/{noticeId}/apply", null);
        Assert.That((int)(await apply.ExpectAsync(HttpStatusCode.Accepted, "apply"))["total"]!, Is.EqualTo(Licences));

        // The first batch committed: find the node whose Hangfire server runs the job, and kill it in the pause that follows.
        var before = await Poll.UntilAsync<int>(async () => await ExtendedAsync(cluster.Database, noticeId) is var n and > 0 ? n : null,
            "the job's first batch", TimeSpan.FromMinutes(2));
        var runner = await RunnerAsync(cluster);
        cluster.Kill(runner.Index);
        var killedAt = Stopwatch.GetTimestamp();
        var atKill = await ExtendedAsync(cluster.Database, noticeId);
        TestContext.Out.WriteLine($"node {runner.Index} (applied through node 0) killed after {atKill} of {Licences} licences");
        Assert.That(atKill, Is.EqualTo(before).And.LessThan(Licences), "the node was killed between two batches, before the last");

        // The survivor: it fetches the job again once the dead node's fetch is no longer kept alive.
        await Poll.UntilAsync<bool>(async () => await ExtendedAsync(cluster.Database, noticeId) > atKill ? true : null,
            "the job to resume on the surviving node", TakeOver * 2 + TimeSpan.FromSeconds(30));
        var resumed = Stopwatch.GetElapsedTime(killedAt);
        var survivor = cluster.Nodes[1 - runner.Index];
        using var auditor = await cluster.ClientAsync(survivor.Index, "auditor-sun");
        using var reader = await cluster.ClientAsync(survivor.Index, "head-zhou");
        await Poll.UntilAsync<bool>(async () =>
        {
            using var get = await reader.GetAsync($"/api/extension-notices/{noticeId}");
            var notice = await get.ExpectAsync(HttpStatusCode.OK, "the notice");
            return (string)notice["status"]! == "applied" && (int)notice["done"]! == Licences && (int)notice["total"]! == Licences ? true : null;
        }, "the notice to be applied", TimeSpan.FromMinutes(2));
        TestContext.Out.WriteLine(
            $"resumed on node {survivor.Index} {resumed.TotalSeconds:0.0} s after the kill (invisibility timeout {TakeOver.TotalSeconds:0} s); " +
            $"all {Licences} extended {Stopwatch.GetElapsedTime(killedAt).TotalSeconds:0.0} s after the kill; pause {Pause.TotalSeconds:0} s per batch");
        Assert.That(resumed, Is.LessThan(TakeOver * 2 + TimeSpan.FromSeconds(30)), "the survivor takes over within the invisibility timeout");

        // Exactly once: one extension record per licence, each licence the new day, one audit entry on each case's chain.
        var perLicence = await CountsAsync(cluster.Database, """
            SELECT l."CaseId", count(x."Id") FROM "Licences" l LEFT JOIN "LicenceExtensions" x ON x."LicenceId" = l."Id" AND x."NoticeId" = @notice
            WHERE l."CaseId" = ANY(@ids) AND l."ExtendedUntil" = @day AND l."ExtensionNoticeId" = @notice GROUP BY l."CaseId"
            """, caseIds, noticeId, newDay);
        Assert.That(perLicence.Keys, Is.EquivalentTo(caseIds), "every licence is extended to the new day by the notice");
        Assert.That(perLicence.Where(c => c.Value != 1).Select(c => $"{c.Key}: {c.Value}"), Is.Empty, "one extension record per licence");
        var entries = await CountsAsync(cluster.Database, """
            SELECT "CaseId", count(*) FROM "AuditEntries" WHERE "Action" = 'licence-extended' AND "CaseId" = ANY(@ids) GROUP BY "CaseId"
            """, caseIds, noticeId, newDay);
        Assert.That(entries.Keys, Is.EquivalentTo(caseIds), "every case's chain records its licence's extension");
        Assert.That(entries.Where(e => e.Value != 1).Select(e => $"{e.Key}: {e.Value}"), Is.Empty, "one audit entry per licence");
        // The renewal timers follow the new day: none pending for the old one, each licence's set planned once for the new.
        var pending = await CountsAsync(cluster.Database, """
            SELECT l."CaseId", count(*) FILTER (WHERE r."ForUntil" = @day) * 100 + count(*) FILTER (WHERE r."ForUntil" <> @day)
            FROM "Licences" l JOIN "LicenceReminders" r ON r."LicenceNumber" = l."Number" AND r."Status" = 'Pending'
            WHERE l."CaseId" = ANY(@ids) GROUP BY l."CaseId"
            """, caseIds, noticeId, newDay);
        Assert.That(pending.Keys, Is.EquivalentTo(caseIds), "every licence has pending renewal timers");
        Assert.That(pending.Where(p => p.Value != 300).Select(p => $"{p.Key}: {p.Value / 100} for the new day, {p.Value % 100} for another"), Is.Empty,
            "three pending renewal timers per licence (60 and 30 days before, expiry), all for the new day");

        using var verify = await auditor.GetAsync("/api/audit/verify");
        var verification = await verify.ExpectAsync(HttpStatusCode.OK, "audit verify");
        Assert.That((bool)verification["intact"]!, Is.True, verification.ToJsonString());
        using var consistency = await auditor.GetAsync("/api/audit/consistency");
        var check = await consistency.ExpectAsync(HttpStatusCode.OK, "consistency check");
        Assert.That((bool)check["consistent"]!, Is.True, check.ToJsonString());
        TestContext.Out.WriteLine($"test took {watch.Elapsed.TotalSeconds:0} s");
    }

    /// <summary>
    /// Issues the licences before the nodes start, through the product's own use cases in this process on the same
    /// database and shared folder (seal keys): the procedure imported and published, one case per licence, started one
    /// after the other. Started through the API by concurrent clients over both nodes instead, the starts all increment
    /// the one licence-number row and some lose every race (409 concurrent-change), which is not what this test is about.
    /// </summary>
    private static async Task<string[]> IssueLicencesAsync(string database, string shared)
    {
        var watch = Stopwatch.StartNew();
        var definitions = Path.Combine(shared, "definitions");
        Directory.CreateDirectory(Path.Combine(definitions, "node-licence"));
        await File.WriteAllTextAsync(Path.Combine(definitions, "node-licence", "v1.json"), Procedure);
        await using var services = new ServiceCollection().AddCloudApprovalCases(new CasesSettings
        {
            Database = new DatabaseOptions
            {
                Provider = DatabaseProvider.PostgreSql,
                PostgreSqlConnectionString = database,
                SqlitePath = Path.Combine(shared, "cloudapproval.db"),
                MigrateAtStart = false,
            },
            WorkflowsFolder = Repo.Workflows,
            SealKeysFolder = Path.Combine(shared, "seals"),
        }).BuildServiceProvider();
        var report = await services.GetRequiredService<ImportProcedures>().RunAsync(definitions, Actor.Operator("analyst-zhao"), publish: true);
        Assert.That(report.Added, Has.Count.EqualTo(1), "the licence procedure imported and published");
        var runtime = services.GetRequiredService<CaseRuntime>();
        var ids = new string[Licences];
        for (var i = 0; i < Licences; i++)
            ids[i] = (await runtime.StartAsync("node-licence", null, null, Actor.Operator("applicant-chen"))).CaseId;
        TestContext.Out.WriteLine($"{Licences} licences issued by cases in {watch.Elapsed.TotalSeconds:0.0} s before the nodes started");
        return ids;
    }

    private static async Task<(DateOnly First, DateOnly Last)> ValidityRangeAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT min("ValidUntil"), max("ValidUntil"), count(*) FROM "Licences" WHERE "LicenceType" = @type""", connection);
        command.Parameters.AddWithValue("type", LicenceType);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.That(reader.GetInt64(2), Is.EqualTo(Licences), "one licence per case");
        return (reader.GetFieldValue<DateOnly>(0), reader.GetFieldValue<DateOnly>(1));
    }

    private static async Task<int> ExtendedAsync(string database, long noticeId)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM "LicenceExtensions" WHERE "NoticeId" = @notice""", connection);
        command.Parameters.AddWithValue("notice", noticeId);
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// The node whose Hangfire server is processing the extension job: the job's Processing state names the server, whose
    /// name carries the process id (TimerServices).
    /// </summary>
    private static async Task<TwoNodes.Node> RunnerAsync(TwoNodes cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT s.data::text FROM hangfire.job j JOIN hangfire.state s ON s.id = j.stateid
            WHERE j.statename = 'Processing' AND j.invocationdata::text LIKE '%ExtensionJob%'
            """, connection);
        var states = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) states.Add(reader.GetString(0));
        Assert.That(states, Has.Count.EqualTo(1), "one extension job processing");
        var server = JsonDocument.Parse(states[0]).RootElement.GetProperty("ServerId").GetString()!;
        var pid = int.Parse(ProcessId().Match(server).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        TestContext.Out.WriteLine($"the job runs on server {server}");
        return cluster.Nodes.Single(n => n.Process.Id == pid);
    }

    /// <summary>One number per case of <paramref name="caseIds"/>, from a query grouping by case.</summary>
    private static async Task<Dictionary<string, long>> CountsAsync(string database, string sql, string[] caseIds, long noticeId, DateOnly day)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("ids", caseIds);
        if (sql.Contains("@notice", StringComparison.Ordinal)) command.Parameters.AddWithValue("notice", noticeId);
        if (sql.Contains("@day", StringComparison.Ordinal)) command.Parameters.AddWithValue("day", day);
        var counts = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The process id in a Hangfire server id: <c>cloudapproval-web-{machine}-{pid}:…</c>.</summary>
    [GeneratedRegex(@"-(\d+)(?::|$)")]
    private static partial Regex ProcessId();
}
