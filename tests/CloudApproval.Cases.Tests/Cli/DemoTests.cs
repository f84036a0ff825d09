using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Cli;

/// <summary>The command line's demo the README describes, on a machine where the data folder does not exist yet.</summary>
[TestFixture]
[NonParallelizable]
internal sealed class DemoTests
{
    [Test]
    public async Task Demo_RunsEverySeedCaseToApproval_WithRealTimers_OnAFreshFolder()
    {
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "not-yet", "demo.db");

        var result = await CliProcess.RunAsync(folder.Path, ["demo", "--db", database, "--workflows", Repo.Workflows]);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain("audit chains: 4 intact, 0 broken; consistency problems: 0"));
        Assert.That(result.Out.Split('\n').Count(l => l.StartsWith("OK  approved", StringComparison.Ordinal)), Is.EqualTo(4), result.Out);
        Assert.That(result.Out, Does.Contain("Hangfire fired timer"));
    }
}
