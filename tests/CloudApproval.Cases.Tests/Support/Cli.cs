using System.Diagnostics;

namespace CloudApproval.Cases.Tests.Support;

/// <summary>What one run of the CLI printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Out}\nstderr: {Error}";
}

/// <summary>Runs the real CLI (<c>dotnet cloudapproval.dll</c>, built beside the tests) as a child process.</summary>
internal static class CliProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "cloudapproval.dll");

    public static async Task<CliResult> RunAsync(string workingDirectory, IEnumerable<string> args)
    {
        TestDatabases.RequireSqlite("the command line works on a SQLite file");
        if (!File.Exists(Dll)) Assert.Fail($"the CLI is not built beside the tests: {Dll}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"cloudapproval {string.Join(' ', args)} did not finish within {Timeout.TotalSeconds:0} s");
        }
        return new CliResult(process.ExitCode, await output, await error);
    }
}
