using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CloudApproval.Web.Tests.Support;

/// <summary>The built web host as a real process in a folder of its own: what an operator runs.</summary>
internal static class HostProcess
{
    public static Process Start(string folder, int port, IReadOnlyDictionary<string, string> environment) =>
        Start(folder, ["--urls", $"http://127.0.0.1:{port}"], environment);

    /// <summary>Runs the host with these arguments (e.g. <c>migrate</c>) to its end; returns its exit code and everything it wrote.</summary>
    public static async Task<(int ExitCode, string Text)> RunToEndAsync(string folder, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        using var process = Start(folder, args, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    private static Process Start(string folder, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CloudApproval.Web.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_NOLOGO"] = "1";
        // The departments' e-seal keys of this host alone, never the user's.
        start.Environment["CloudApproval__Seals__KeysFolder"] = Path.Combine(folder, "seals");
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return Process.Start(start)!;
    }

    /// <summary>Starts a host that must refuse to start; returns its exit code and everything it wrote.</summary>
    public static async Task<(int ExitCode, string Text)> RunRefusedAsync(string folder, IReadOnlyDictionary<string, string> environment)
    {
        using var process = Start(folder, FreePort(), environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the host kept running although it should have refused to start");
        }
        return (process.ExitCode, await output + await errors);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A fresh folder under the temp folder for one host.</summary>
    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ca-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
