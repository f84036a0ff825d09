using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Server;
using CloudApproval.Cases.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CloudApproval.Cases.Hosting;

/// <summary>The Hangfire server that fires timers, registered alike by every host (web, CLI, tests).</summary>
public static class TimerServices
{
    /// <summary>
    /// Adds Hangfire on the storage <see cref="CasesServices.AddCloudApprovalCases"/> registered, and a server started
    /// with the host, which runs the <see cref="TimerPump"/> (a due case timer fires within about a quarter of a second).
    /// Polling is tuned so a due job (a licence timer) runs within about a second and a half; the recurring reconcile
    /// (see <see cref="CasesServices.ScheduleRecurringJobs"/>) is the safety net for licence timer jobs lost outside our control.
    /// </summary>
    /// <param name="services">A collection the cases shell was added to first.</param>
    /// <param name="workers">Jobs fired at once by this process.</param>
    /// <param name="serverName">Names the server in Hangfire's storage; the machine and process are appended.</param>
    public static IServiceCollection AddCloudApprovalTimers(this IServiceCollection services, int workers, string serverName = "cloudapproval")
    {
        // Hosted services start in registration order: the start-up step must come first so no worker fetches a job
        // before the migration and the reconcile.
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(CasesStartup)))
            throw new InvalidOperationException("AddCloudApprovalCases must be called before AddCloudApprovalTimers");
        // Hangfire's container activator, one scope per job. Registered here because AddHangfire's default hands out
        // JobActivator.Current, a process-wide static the last host configured: with several hosts in one process
        // (the tests), a server would build its jobs from another host's container.
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, configuration) => configuration.UseStorage(sp.GetRequiredService<JobStorage>()));
        // The server runs every registered background process beside its workers: the pump firing due case timers.
        services.AddSingleton<IBackgroundProcess, TimerPump>();
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = workers;
            o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            o.ServerName = $"{serverName}-{Environment.MachineName}-{Environment.ProcessId}";
        });
        return services;
    }
}
