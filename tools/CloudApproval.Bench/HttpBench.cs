using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Persistence;

namespace CloudApproval.Bench;

/// <summary>
/// The issue's "over HTTP" figures: 16 concurrent clients moving the six-step case through the web host's API (a real
/// process on its default SQLite file, Kestrel on the loopback), against the same case moved in process by 16 workers
/// in the same run; then the inbox page over HTTP on a few hundred open tasks.
/// </summary>
internal static class HttpBench
{
    private const int Clients = 16;
    private const string Password = "Demo#2026";
    // Two demo clerks of one department who hold every duty the case's tasks are given here (see the README's demo users).
    private const string Department = "planning-resources";
    private static readonly string[] Clerks = ["clerk-wang", "clerk-zhu"];
    private const string Duty = "reviewer";

    public static async Task<int> RunAsync(BenchOptions options, string workflows, string definitions, string work)
    {
        var row = new RowSpec($"{Clients}w FULL in process", SqliteSynchronous.Full, Clients, ExplicitClaims: false);
        var inProcess = await CaseWorkload.RunAsync(row, options.Cases, options.Warmup, workflows, definitions, Path.Combine(work, "in-process", "cases.db"));
        Console.WriteLine(FormattableString.Invariant(
            $"in process, {Clients} workers: {inProcess.TransitionsPerSecond:F0} transitions/s, p50 {inProcess.P50Ms:F2} ms, p99 {inProcess.P99Ms:F2} ms"));

        var folder = Path.Combine(work, "web");
        Directory.CreateDirectory(folder);
        using var host = await StartHostAsync(folder, workflows);
        try
        {
            using var designer = await SignInAsync(host.Address, "analyst-zhao");
            await PublishAsync(designer, Path.Combine(definitions, CaseWorkload.DefinitionId, "v1.json"));
            using var applicant = await SignInAsync(host.Address, "applicant-chen");
            var clerks = new List<HttpClient>();
            foreach (var name in Clerks) clerks.Add(await SignInAsync(host.Address, name));

            var (warmupCases, idleCpuMsPerSecond) = await WarmUpAsync(host.Process, applicant, clerks, options.Warmup, settle: options.Warmup >= 100);
            Console.WriteLine(FormattableString.Invariant(
                $"web host warmed up with {warmupCases} cases over HTTP; idle CPU then {idleCpuMsPerSecond:F1} ms per s"));
            var cpu = host.Process.TotalProcessorTime;
            // The clients run in this process, on the same cores as the host: their CPU is printed beside the host's.
            var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var (latencies, requests) = await DriveAsync(applicant, clerks, options.Cases);
            var seconds = clock.Elapsed.TotalSeconds;
            host.Process.Refresh();
            var hostCpuMs = (host.Process.TotalProcessorTime - cpu).TotalMilliseconds;
            var clientCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - clientCpu).TotalMilliseconds;
            var transitions = options.Cases * CaseWorkload.TransitionsPerCase;
            var perSecond = transitions / seconds;
            var p50 = CaseWorkload.Percentile(latencies, 0.50);
            var p99 = CaseWorkload.Percentile(latencies, 0.99);
            var requestsPerCase = (double)requests / options.Cases;
            Console.WriteLine(FormattableString.Invariant(
                $"over HTTP, {Clients} clients: {options.Cases} cases in {seconds:F1} s, {perSecond:F0} transitions/s, p50 {p50:F2} ms, p99 {p99:F2} ms per start or completion, {requestsPerCase:F1} requests per case, web host CPU {hostCpuMs / transitions:F2} ms per transition, clients' CPU {clientCpuMs / transitions:F2} ms per transition"));

            var inbox = await InboxAsync(applicant, clerks[0], options.ReadIterations);
            Console.WriteLine(FormattableString.Invariant(
                $"inbox over HTTP ({inbox.Open} open tasks in the department): first page p50 {inbox.FirstP50:F2} ms, p95 {inbox.FirstP95:F2} ms; next page p50 {inbox.NextP50:F2} ms, p95 {inbox.NextP95:F2} ms"));

            Console.WriteLine(FormattableString.Invariant($"web host idle CPU after the run: {await IdleCpuAsync(host.Process):F1} ms per s"));
            var ratio = perSecond / inProcess.TransitionsPerSecond;
            Console.WriteLine();
            Console.WriteLine($"  [{(ratio >= 0.7 ? "met" : "MISSED")}] over HTTP / in process = {ratio.ToString("F3", CultureInfo.InvariantCulture)} >= 0.7");
            Console.WriteLine(FormattableString.Invariant(
                $"RESULT-http transitions_per_s={perSecond:F1} in_process_per_s={inProcess.TransitionsPerSecond:F1} ratio={ratio:F3} p99_ms={p99:F2} inbox_p95_ms={Math.Max(inbox.FirstP95, inbox.NextP95):F2} requests_per_case={requestsPerCase:F1}"));
            return 0;
        }
        catch
        {
            await Console.Error.WriteLineAsync($"web host output:{Environment.NewLine}{host.Log}");
            throw;
        }
    }

    /// <summary>The host's idle CPU (ms per s) below which its tiered JIT counts as settled.</summary>
    private const double SettledIdleCpuMsPerSecond = 100;

    /// <summary>
    /// Drives <paramref name="cases"/> cases, then, when <paramref name="settle"/>, batches of 50 until the host idles (at
    /// most 20 batches): the host's tiered JIT recompiles hot methods for tens of seconds after their first calls, and
    /// the in-process row it is compared with measures only after its own JIT settled. A warm-up under 100 cases is a
    /// smoke run (the suite's), which skips that. Returns the cases driven and the last idle figure.
    /// </summary>
    private static async Task<(int Cases, double IdleCpuMsPerSecond)> WarmUpAsync(Process host, HttpClient applicant, IReadOnlyList<HttpClient> clerks, int cases, bool settle)
    {
        await DriveAsync(applicant, clerks, cases);
        var idle = await IdleCpuAsync(host);
        for (var batch = 0; settle && batch < 20 && idle > SettledIdleCpuMsPerSecond; batch++)
        {
            await DriveAsync(applicant, clerks, 50);
            cases += 50;
            idle = await IdleCpuAsync(host);
        }
        return (cases, idle);
    }

    /// <summary>
    /// What the host burns with nobody calling (Hangfire's polling of its storage, the recurring jobs): part of every
    /// figure measured while it runs.
    /// </summary>
    private static async Task<double> IdleCpuAsync(Process process)
    {
        process.Refresh();
        var before = process.TotalProcessorTime;
        await Task.Delay(TimeSpan.FromSeconds(5));
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMilliseconds / 5;
    }

    /// <summary>
    /// Each client starts cases as the applicant and completes their four tasks as a clerk, taking each next task from
    /// the completion's answer (<c>openedTasks</c>); the inbox filtered to the case is read only when the answer names
    /// none the clerk may see (after the applicant's start). Returns every start's and completion's latency, and the
    /// requests made in all.
    /// </summary>
    private static async Task<(long[] Latencies, long Requests)> DriveAsync(HttpClient applicant, IReadOnlyList<HttpClient> clerks, int cases)
    {
        var next = -1;
        long requests = 0;
        var latencies = new List<long>[Clients];
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async client =>
        {
            var mine = latencies[client] = [];
            var clerk = clerks[client % clerks.Count];
            while (Interlocked.Increment(ref next) < cases)
            {
                var started = Stopwatch.GetTimestamp();
                var caseId = await StartAsync(applicant);
                mine.Add(Stopwatch.GetTimestamp() - started);
                var made = 1;
                long? opened = null;
                for (var step = 0; step < CaseWorkload.TransitionsPerCase - 1; step++)
                {
                    if (opened is null) made++;
                    var taskId = opened ?? await OpenTaskAsync(clerk, caseId);
                    started = Stopwatch.GetTimestamp();
                    using var done = await clerk.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new JsonObject { ["outcome"] = "done", ["data"] = new JsonObject() });
                    mine.Add(Stopwatch.GetTimestamp() - started);
                    made++;
                    var answer = await ExpectAsync(done, HttpStatusCode.OK, $"complete task {taskId} of {caseId}");
                    opened = answer["openedTasks"]!.AsArray() is [{ } task, ..] ? (long)task["id"]! : null;
                }
                Interlocked.Add(ref requests, made);
            }
        }));
        return ([.. latencies.SelectMany(l => l)], requests);
    }

    private static async Task<string> StartAsync(HttpClient applicant)
    {
        using var response = await applicant.PostAsJsonAsync("/api/cases",
            new JsonObject { ["procedure"] = CaseWorkload.DefinitionId, ["input"] = new JsonObject { ["department"] = Department } });
        var body = await ExpectAsync(response, HttpStatusCode.Created, "start a case");
        return (string)body["caseId"]!;
    }

    /// <summary>The case's open task, as a clerk finds it when no answer named it: the inbox filtered to the case.</summary>
    private static async Task<long> OpenTaskAsync(HttpClient clerk, string caseId)
    {
        using var response = await clerk.GetAsync($"/api/tasks?caseId={Uri.EscapeDataString(caseId)}&limit=1");
        var page = await ExpectAsync(response, HttpStatusCode.OK, $"the open task of {caseId}");
        return page["tasks"]!.AsArray() is [{ } task, ..] ? (long)task["id"]! : throw new InvalidOperationException($"no open task in {caseId}");
    }

    private sealed record InboxFigures(int Open, double FirstP50, double FirstP95, double NextP50, double NextP95);

    /// <summary>Leaves 500 cases at their first task, then reads the clerk's inbox: the first page and the page after it (keyset).</summary>
    private static async Task<InboxFigures> InboxAsync(HttpClient applicant, HttpClient clerk, int iterations)
    {
        const int open = 500;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < open) await StartAsync(applicant);
        }));
        var first = new long[iterations];
        var second = new long[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var page = await clerk.GetAsync("/api/tasks?limit=50");
            var body = await ExpectAsync(page, HttpStatusCode.OK, "the inbox's first page");
            first[i] = Stopwatch.GetTimestamp() - started;
            var cursor = (string?)body["nextCursor"] ?? throw new InvalidOperationException("the inbox of 500 open tasks had no next page");
            started = Stopwatch.GetTimestamp();
            using var after = await clerk.GetAsync($"/api/tasks?limit=50&after={Uri.EscapeDataString(cursor)}");
            await ExpectAsync(after, HttpStatusCode.OK, "the inbox's next page");
            second[i] = Stopwatch.GetTimestamp() - started;
        }
        return new InboxFigures(open, CaseWorkload.Percentile(first, 0.50), CaseWorkload.Percentile(first, 0.95), CaseWorkload.Percentile(second, 0.50), CaseWorkload.Percentile(second, 0.95));
    }

    /// <summary>Saves the bench procedure as a draft through the designer's API and publishes it, its tasks given to the demo clerks' duty.</summary>
    private static async Task PublishAsync(HttpClient designer, string file)
    {
        var definition = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
        foreach (var activity in definition["activities"]!.AsArray())
            if (activity!["inputs"] is JsonObject { } inputs && inputs.ContainsKey("role")) inputs["role"] = Duty;
        using var content = new StringContent(definition.ToJsonString(), Encoding.UTF8, "application/json");
        using var draft = new HttpRequestMessage(HttpMethod.Put, $"/api/procedures/{CaseWorkload.DefinitionId}/draft") { Content = content };
        draft.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);
        using var saved = await designer.SendAsync(draft);
        await ExpectAsync(saved, HttpStatusCode.OK, "save the bench procedure's draft");
        using var published = await designer.PostAsync($"/api/procedures/{CaseWorkload.DefinitionId}/draft/publish", null);
        await ExpectAsync(published, HttpStatusCode.OK, "publish the bench procedure");
    }

    private static async Task<HttpClient> SignInAsync(Uri address, string userName)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        using var response = await client.PostAsJsonAsync("/api/identity/login", new { userName, password = Password });
        var body = await ExpectAsync(response, HttpStatusCode.OK, $"sign in as {userName}");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)body["accessToken"]!);
        return client;
    }

    private static async Task<JsonNode> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected) throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private sealed class Host(Process process, Uri address, StringBuilder log) : IDisposable
    {
        public Process Process { get; } = process;
        public Uri Address { get; } = address;
        public string Log => log.ToString();

        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
            Process.Dispose();
        }
    }

    /// <summary>The built web host (copied beside the bench by its project reference), as an operator runs it: its embedded SQLite default.</summary>
    private static async Task<Host> StartHostAsync(string folder, string workflows)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CloudApproval.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["CloudApproval__SqlitePath"] = Path.Combine(folder, "cloudapproval.db");
        start.Environment["CloudApproval__Seals__KeysFolder"] = Path.Combine(folder, "seals");
        start.Environment["CloudApproval__WorkflowsFolder"] = workflows;
        start.Environment["CloudApproval__LoginsPerMinute"] = "100000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new Host(process, new Uri($"http://127.0.0.1:{port}"), log);
        using var probe = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"the web host exited with {process.ExitCode}:{Environment.NewLine}{host.Log}");
            try
            {
                using var health = await probe.GetAsync("/health");
                if (health.StatusCode == HttpStatusCode.OK) return host;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(120)) throw new InvalidOperationException($"the web host did not answer /health in 120 s:{Environment.NewLine}{host.Log}");
            await Task.Delay(200);
        }
    }
}
