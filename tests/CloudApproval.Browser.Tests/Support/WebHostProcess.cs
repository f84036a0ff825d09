using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CloudApproval.Browser.Tests.Support;

/// <summary>
/// The real web host as a process on a free port, with a data folder of its own (database, Hangfire, blobs, seal keys)
/// and the demo organisation seeded: what `dotnet run` starts, minus the console.
/// </summary>
internal sealed class WebHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WebHostProcess(Process process, string folder, string url)
    {
        _process = process;
        Folder = folder;
        Url = url;
    }

    public string Folder { get; }

    public string Url { get; }

    /// <summary>Everything the host wrote so far (shown when a test fails to start it).</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public static async Task<WebHostProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ca-browser-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Repo.WebHostDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["CloudApproval__SqlitePath"] = Path.Combine(folder, "cloudapproval.db");
        start.Environment["CloudApproval__SealKeysFolder"] = Path.Combine(folder, "seal-keys");
        start.Environment["CloudApproval__WorkflowsFolder"] = Repo.Workflows;
        // Every test signs in; the limit itself is tested with the API's.
        start.Environment["CloudApproval__LoginsPerMinute"] = "1000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var host = new WebHostProcess(Process.Start(start)!, folder, url);
        host._process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        await host.WaitUntilHealthyAsync();
        return host;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited) Assert.Fail($"the web host exited with {_process.ExitCode}:{Environment.NewLine}{Output}");
            try
            {
                using var response = await client.GetAsync(new Uri(Url + "/health"));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        Assert.Fail($"the web host did not become healthy in 90 s:{Environment.NewLine}{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing: the OS temp cleaner gets the rest.
        }
    }
}
