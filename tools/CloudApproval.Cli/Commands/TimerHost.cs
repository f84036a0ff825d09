using CloudApproval.Cases.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CloudApproval.Cli.Commands;

/// <summary>
/// The generic host of the commands that fire timers (<c>timers run</c>, <c>demo</c>, <c>stress</c>): the cases shell
/// and the timer server registered exactly as the web host registers them. Starting it migrates the database, repairs
/// timers and schedules the recurring jobs (the cases start-up step), then starts the Hangfire server. Disposing it
/// stops the server, waiting for the timers being fired.
/// </summary>
internal static class TimerHost
{
    public const int Workers = 2;

    public static async Task<IHost> StartAsync(CasesSettings settings, CancellationToken ct)
    {
        // No default configuration sources or console logger: a command's output and its exit code are its own.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddCloudApprovalCases(settings).AddCloudApprovalTimers(Workers);
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        var host = builder.Build();
        try
        {
            await host.StartAsync(ct);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The command, not the host, owns Ctrl+C and SIGTERM: System.CommandLine cancels the command, which then disposes
    /// the host. The default console lifetime would catch SIGTERM to stop the host and leave the command running.
    /// </summary>
    private sealed class CommandLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
