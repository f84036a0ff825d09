using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CloudApproval.Web.Tests.Support;

/// <summary>
/// Two real processes of the web host on one PostgreSQL database, as a cluster is run: the database is migrated once by
/// <c>CloudApproval.Web migrate</c>, then both nodes start together with <c>MigrateAtStart=false</c>, each serving the API
/// and running a Hangfire server on the shared queue.
/// </summary>
internal sealed class TwoNodes : IAsyncDisposable
{
    private readonly Dictionary<(int Node, string User), string> _tokens = [];

    private TwoNodes(string database, string folder, Node[] nodes)
    {
        Database = database;
        Folder = folder;
        Nodes = nodes;
    }

    public string Database { get; }

    public string Folder { get; }

    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>A running node: its process and base address.</summary>
    public sealed record Node(int Index, Process Process, Uri BaseAddress, Task<string> Output, Task<string> Errors);

    private const int LogLines = 200;

    public static async Task<TwoNodes> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = TestDatabases.Create();
        var folder = HostProcess.NewFolder();
        var environment = new Dictionary<string, string>
        {
            ["CloudApproval__Provider"] = "PostgreSql",
            ["ConnectionStrings__CloudApproval"] = database,
            ["CloudApproval__WorkflowsFolder"] = Repo.Workflows,
            // The folder the nodes share, as a cluster's nodes share storage: uploaded materials, the key ring, seal keys.
            ["CloudApproval__SqlitePath"] = Path.Combine(folder, "shared", "cloudapproval.db"),
            ["CloudApproval__Seals__KeysFolder"] = Path.Combine(folder, "shared", "seals"),
            ["CloudApproval__DemoOnServerDatabase"] = "true",
            ["CloudApproval__LoginsPerMinute"] = "100000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;

        var migrate = await HostProcess.RunToEndAsync(folder, ["migrate"], environment);
        Assert.That(migrate.ExitCode, Is.Zero, $"migrate: {migrate.Text}");

        environment["CloudApproval__MigrateAtStart"] = "false";
        var nodes = new Node[2];
        for (var i = 0; i < 2; i++)
        {
            var port = HostProcess.FreePort();
            var nodeFolder = Path.Combine(folder, $"node{i}");
            Directory.CreateDirectory(nodeFolder);
            var process = HostProcess.Start(nodeFolder, port, environment);
            nodes[i] = new Node(i, process, new Uri($"http://127.0.0.1:{port}"), process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        }
        var cluster = new TwoNodes(database, folder, nodes);
        foreach (var node in nodes) await cluster.WaitHealthyAsync(node);
        return cluster;
    }

    private static async Task<bool> HealthyAsync(Node node)
    {
        using var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var health = await client.GetAsync("/health");
            return health.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private async Task WaitHealthyAsync(Node node) =>
        await Poll.UntilAsync<bool>(async () =>
        {
            if (node.Process.HasExited) Assert.Fail($"node {node.Index} exited with {node.Process.ExitCode}: {await node.Errors}");
            return await HealthyAsync(node) ? true : null;
        }, $"node {node.Index} to answer /health", TimeSpan.FromSeconds(90));

    /// <summary>A client of one node, signed in (on that node) as a demo user.</summary>
    public async Task<HttpClient> ClientAsync(int node, string userName)
    {
        var client = new HttpClient { BaseAddress = Nodes[node].BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        if (!_tokens.TryGetValue((node, userName), out var token))
        {
            using var response = await client.PostAsJsonAsync("/api/identity/login", new { userName, password = WebHost.Password });
            Assert.That(response.IsSuccessStatusCode, Is.True, $"{userName} could not sign in on node {node}");
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            token = body.RootElement.GetProperty("accessToken").GetString()!;
            _tokens[(node, userName)] = token;
        }
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Kills a node as a power cut would: no shutdown, its Hangfire server leaves its locks and fetched jobs behind.</summary>
    public void Kill(int node)
    {
        Nodes[node].Process.Kill(entireProcessTree: true);
        Nodes[node].Process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            if (!node.Process.HasExited) node.Process.Kill(entireProcessTree: true);
            await node.Process.WaitForExitAsync();
            // The nodes log at Warning and above: what they said is the first thing to read when a two-node test fails.
            var log = (await node.Output + await node.Errors).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (log.Length > 0) await TestContext.Out.WriteLineAsync($"node {node.Index} log (last {Math.Min(log.Length, LogLines)} of {log.Length} lines):\n{string.Join('\n', log.TakeLast(LogLines))}");
            node.Process.Dispose();
        }
        TestDatabases.Drop(Database);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }
}
