using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Bench;

/// <summary>
/// The benchmark is not a test, but it must keep running: each of its modes, on a small size, as its README says to run
/// it (the built bench beside its project, from the repository), ends with its RESULT line of positive figures. What the
/// figures are is the bench README's business, not this test's.
/// </summary>
[NonParallelizable]
public sealed partial class BenchRunsTests
{
    [Test]
    public async Task The_transition_rows_sequential_and_group_commit_run_and_verify_every_case()
    {
        var output = await RunAsync("--cases", "30", "--warmup", "10", "--rows", "1,6");
        Assert.That(output, Does.Match(@"(?m)^seq FULL\s+1\s+on complete\s+\d+\.\d"), output);
        Assert.That(output, Does.Match(@"(?m)^16w FULL group\s+16\s+on complete\s+\d+\.\d"), output);
    }

    [Test]
    public async Task The_city_sized_reads_run_on_a_small_seed_and_end_with_RESULT_scale()
    {
        var result = Result(await RunAsync("--seed", "--scale", "0.0005", "--reads", "5"), "RESULT-scale");
        Assert.That(result["inbox_p95_ms"], Is.GreaterThan(0));
        Assert.That(result["casefile_p95_ms"], Is.GreaterThan(0));
        // The seed's matter cases give the dashboard something to count; the memory probe ran in its own process.
        Assert.That(result["dashboard_ms"], Is.GreaterThan(0));
        Assert.That(result["rss_mib"], Is.GreaterThan(0));
    }

    [Test]
    public async Task The_http_rows_run_through_the_web_host_and_end_with_RESULT_http()
    {
        var result = Result(await RunAsync("--http", "--cases", "20", "--warmup", "10", "--reads", "5"), "RESULT-http");
        Assert.That(result["transitions_per_s"], Is.GreaterThan(0));
        Assert.That(result["in_process_per_s"], Is.GreaterThan(0));
        Assert.That(result["inbox_p95_ms"], Is.GreaterThan(0));
        // The start, one inbox read for the first task (the applicant's answer names none the clerk sees), four completions
        // each naming the next task.
        Assert.That(result["requests_per_case"], Is.EqualTo(6));
    }

    [Test]
    public async Task The_timers_at_scale_run_fires_every_timer_once_and_ends_with_RESULT_timers()
    {
        var result = Result(await RunAsync("--timers", "400", "--timer-rate", "50", "--timer-seconds", "4"), "RESULT-timers");
        Assert.That((result["fired_twice"], result["lost"]), Is.EqualTo((0d, 0d)));
        Assert.That(result["late_p99_ms"], Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public async Task The_timers_run_with_its_timer_server_SIGKILLed_halfway_fires_every_timer_once()
    {
        var result = Result(await RunAsync("--timers", "400", "--timer-rate", "50", "--timer-seconds", "10", "--timer-kill"), "RESULT-timers");
        Assert.That((result["fired_twice"], result["lost"]), Is.EqualTo((0d, 0d)));
        // Killed once half the stream of 500 had fired (it is checked every second), with some still to fire.
        Assert.That(result["sigkill_at_fired"], Is.InRange(250d, 499d));
    }

    private static Dictionary<string, double> Result(string output, string line)
    {
        var found = output.Split('\n').LastOrDefault(l => l.StartsWith(line + " ", StringComparison.Ordinal));
        Assert.That(found, Is.Not.Null, $"no {line} line in:\n{output}");
        return Pair().Matches(found!).ToDictionary(m => m.Groups[1].Value, m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"(\w+)=([0-9.]+)")]
    private static partial Regex Pair();

    /// <summary>The bench as built by the solution (same configuration as these tests), run from the repository root.</summary>
    private static async Task<string> RunAsync(params string[] args)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var bench = Path.Combine(Repo.Root, "tools", "CloudApproval.Bench", "bin", configuration, "net10.0", "CloudApproval.Bench.dll");
        Assert.That(File.Exists(bench), Is.True, $"the bench is not built: {bench}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Repo.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(bench);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        // The seed run writes its templates and matter cases through the product, then starts two probe processes
        // (cold start, memory): minutes on a loaded shared machine.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the bench ran over 8 minutes: {string.Join(' ', args)}\n{await output}\n{await errors}");
        }
        var text = await output + await errors;
        Assert.That(process.ExitCode, Is.Zero, $"bench {string.Join(' ', args)}:\n{text}");
        return text;
    }
}
