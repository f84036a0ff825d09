using CloudApproval.Cases;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.Extensions.Options;

namespace CloudApproval.Web.Hosting;

/// <summary>
/// The web host's own start-up: migrates the identity database, seeds the demo organisation and imports the procedures,
/// before the server takes requests and before the Hangfire server (registered after this) fetches jobs. It runs after
/// the cases start-up step (<c>CasesStartup</c>, registered by <c>AddCloudApprovalCases</c>), which migrates the cases
/// database the import writes to, repairs timers and schedules the recurring jobs.
/// </summary>
internal sealed class StartupTasks(
    IServiceProvider services, IOptions<WebSettings> settings, CasesSettings cases, ILogger<StartupTasks> logger) : IHostedService
{
    /// <summary>Exit code of a host that could not start (an unusable database, procedures that cannot be imported).</summary>
    public const int CannotStart = 2;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PrepareAsync(cancellationToken);
        }
        catch (CasesException refused)
        {
            throw new StartupRefusedException($"CloudApproval cannot start: {refused.Message}");
        }
    }

    internal async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            if (cases.Database.MigrateAtStart) await IdentityDatabase.MigrateAsync(scope.ServiceProvider, cancellationToken);
            if (settings.Value.SeedsDemoOrganisation(cases.Database))
                await DemoOrganisation.SeedAsync(scope.ServiceProvider, logger, cancellationToken);
            else
                await FirstAdministrator.EnsureAsync(scope.ServiceProvider, settings.Value.Admin, logger);
        }
        if (settings.Value.ImportWorkflowsAtStart)
        {
            var report = await services.GetRequiredService<ImportProcedures>().RunAsync(cases.WorkflowsFolder, Actor.System("import"), publish: true, cancellationToken);
            logger.LogInformation("Procedures from {Folder}: {Added} added, {Updated} updated, {Unchanged} unchanged; matters: {MattersAdded} added, {MattersUpdated} updated, {MattersUnchanged} unchanged",
                cases.WorkflowsFolder, report.Added.Count, report.Updated.Count, report.Unchanged.Count,
                report.MattersAdded.Count, report.MattersUpdated.Count, report.MattersUnchanged.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// The installation cannot serve (an unusable database file, procedures that cannot be imported): a message for the
/// operator, not a bug, so it carries no stack trace into the host's log.
/// </summary>
internal sealed class StartupRefusedException(string message) : Exception(message)
{
    public override string? StackTrace => null;

    public override string ToString() => $"{GetType().Name}: {Message}";
}
