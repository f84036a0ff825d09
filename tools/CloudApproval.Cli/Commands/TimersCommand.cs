using System.CommandLine;

namespace CloudApproval.Cli.Commands;

/// <summary><c>timers run</c>: a Hangfire server that fires due timers (the web application runs one too).</summary>
internal static class TimersCommand
{
    /// <summary>Thirty days; longer runs use 0 (Task.Delay takes at most about 49 days).</summary>
    private const int MaxSeconds = 30 * 24 * 3600;

    public static Command Create()
    {
        var command = new Command("timers", "Hangfire timers.");
        command.Options.Add(CasesCli.Db);
        command.Options.Add(CasesCli.Workflows);
        command.Options.Add(CasesCli.AuditKey);
        command.Options.Add(CasesCli.SealKeys);
        command.Options.Add(CasesCli.Checkpoints);
        var seconds = new Option<int>("--seconds") { Description = $"Stop after this long, at most {MaxSeconds} (0: until Ctrl+C)", DefaultValueFactory = _ => 0 };
        seconds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > MaxSeconds) result.AddError($"--seconds must be between 0 and {MaxSeconds} (0: until Ctrl+C)");
        });
        var run = new Command("run", "Run a timer server: due timers fire within about a second.") { seconds, CasesCli.CheckpointCron };
        run.SetAsyncAction(async (parse, ct) =>
        {
            using var host = await CasesCli.StartTimersAsync(parse, create: false, ct);
            Console.WriteLine("timer server running");
            var limit = parse.GetValue(seconds);
            try
            {
                await Task.Delay(limit > 0 ? TimeSpan.FromSeconds(limit) : Timeout.InfiniteTimeSpan, ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: disposing the host stops the server cleanly.
            }
            return 0;
        });
        command.Subcommands.Add(run);
        return command;
    }
}
