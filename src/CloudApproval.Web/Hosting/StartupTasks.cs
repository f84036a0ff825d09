using CloudApproval.Cases;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.Extensions.Options;

namespace CloudApproval.Web.Hosting;

/// <summary>
/// The web host's own start-up: migrates the identity database, seeds the demo organisation and imports the procedures.
/// It runs after the cases shell's start-up step (<c>CasesStartup</c>, registered by <c>AddCloudApprovalCases</c>, which
/// migrates the cases database the import writes to and repairs timers) and before the Hangfire server (registered after
/// this) fetches jobs. A refusal (<see cref="CasesException"/>) of either step stops the host: see
/// <see cref="WebPipeline.RunOrExplain"/>.
/// </summary>
internal sealed class StartupTasks(
    IServiceProvider services, IOptions<WebSettings> settings, CasesSettings cases, ILogger<StartupTasks> logger) : IHostedService
{
    /// <summary>Exit code of a host that could not start (an unusable database, procedures that cannot be imported).</summary>
    public const int CannotStart = 2;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            await IdentityDatabase.MigrateAsync(scope.ServiceProvider, cancellationToken);
            if (settings.Value.SeedDemoOrganisation && cases.Database.Provider == Cases.Persistence.DatabaseProvider.Sqlite)
                await DemoOrganisation.SeedAsync(scope.ServiceProvider, logger, cancellationToken);
        }
        if (settings.Value.ImportWorkflowsAtStart)
        {
            var report = await services.GetRequiredService<ImportProcedures>().RunAsync(cases.WorkflowsFolder, "system", publish: true, cancellationToken);
            logger.LogInformation("Procedures from {Folder}: {Added} added, {Updated} updated, {Unchanged} unchanged",
                cases.WorkflowsFolder, report.Added.Count, report.Updated.Count, report.Unchanged.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
