using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CloudApproval.Cases.Hosting;

/// <summary>
/// The cases shell's start-up step in any host: migrates the cases database, repairs timers a crash left unscheduled
/// and schedules the recurring jobs. <see cref="CasesServices.AddCloudApprovalCases"/> registers it, so it starts before
/// every hosted service registered later: the timer server's workers never fetch a job from a database still being
/// migrated, and a host's own steps (the web host's import) find the current schema. A refusal (an unusable database
/// file) is a <see cref="CasesException"/> out of the host's start.
/// </summary>
internal sealed class CasesStartup(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await services.InitializeCasesAsync(cancellationToken);
        services.ScheduleRecurringJobs();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
