using CloudApproval.Cases;
using CloudApproval.Cases.Hosting;
using Hangfire;

namespace CloudApproval.Web.Hosting;

/// <summary>
/// <c>CloudApproval.Web migrate</c>: the one step a cluster runs before starting its nodes (each started with
/// <c>CloudApproval:MigrateAtStart=false</c>). It brings the cases and identity schemas and Hangfire's schema up to date,
/// creates the roles, seeds what the configuration asks for, imports the workflows folder and exits, serving nothing.
/// Nodes starting together then find everything in place and never race to create the same tables.
/// </summary>
internal static class MigrateCommand
{
    public const string Verb = "migrate";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. args, $"--{WebSettings.Section}:{nameof(WebSettings.MigrateAtStart)}=true"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddCloudApprovalWeb();
        await using var app = builder.Build();
        try
        {
            // Migrates the cases database and reconciles licence timers; resolving the storage on the way installs Hangfire's schema.
            await app.Services.InitializeCasesAsync();
            _ = app.Services.GetRequiredService<JobStorage>();
            app.Services.ScheduleRecurringJobs();
            await ActivatorUtilities.CreateInstance<StartupTasks>(app.Services).PrepareAsync(CancellationToken.None);
        }
        catch (CasesException refused)
        {
            await Console.Error.WriteLineAsync($"CloudApproval cannot migrate: {refused.Message}");
            return StartupTasks.CannotStart;
        }
        var cases = app.Services.GetRequiredService<CasesSettings>();
        Console.WriteLine($"CloudApproval databases migrated ({cases.Database.Provider}); start the nodes with {WebSettings.Section}__{nameof(WebSettings.MigrateAtStart)}=false");
        return 0;
    }
}
