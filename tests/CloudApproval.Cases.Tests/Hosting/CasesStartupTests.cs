using System.Text.Json.Nodes;
using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Tests.Support;
using CloudApproval.Cases.Timers;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CloudApproval.Cases.Tests.Hosting;

/// <summary>
/// The cases start-up step as a hosted service of a real generic host (real SQLite files, real Hangfire server): it
/// migrates and repairs timers before the timer server's workers fetch a job, and a refused start starts no server.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class CasesStartupTests
{
    [Test]
    public async Task TheStartupStep_IsRegisteredBeforeTheTimerServer()
    {
        using var folder = new TempFolder();
        await using var host = await CasesHost.StartAsync(folder, initialize: false);

        var hosted = host.Services.GetServices<IHostedService>().Select(s => s.GetType());

        // Data Protection's key-ring warm-up (applicants' signing keys) may start between them, never first.
        Assert.That(hosted.Select(t => t.Name), Is.EqualTo(new[] { nameof(CasesStartup), "DataProtectionHostedService", nameof(BackgroundJobServerHostedService) }),
            "hosted services start in this order");
    }

    [Test]
    public void AddingTheTimers_BeforeTheCasesShell_IsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddCloudApprovalTimers(workers: 1));

        Assert.That(error.Message, Does.Contain("AddCloudApprovalCases must be called before AddCloudApprovalTimers"));
    }

    [Test]
    public async Task StartingTheHost_MigratesAFreshDatabase_AndSchedulesTheRecurringJobs()
    {
        using var folder = new TempFolder();
        await using var host = await CasesHost.StartAsync(folder, initialize: false);

        await host.StartTimerServerAsync();

        await using (var db = host.Db())
        {
            Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
            Assert.That(await db.Database.GetAppliedMigrationsAsync(), Is.Not.Empty);
        }
        using var connection = host.Get<JobStorage>().GetConnection();
        Assert.That(connection.GetRecurringJobs().Select(j => j.Id), Is.EquivalentTo(new[] { "audit-checkpoint", "issue-documents", "archive-closed-cases", "reconcile-licence-timers", "licence-delivery-check", "efficiency-on-time-alerts" }));
    }

    [Test]
    public async Task ARefusedStart_StartsNoTimerServer_AndCreatesNoFile()
    {
        TestDatabases.RequireSqlite("an unusable SQLite file");
        using var folder = new TempFolder();
        await using var host = await CasesHost.StartAsync(folder, initialize: false,
            configure: s => s with { Database = s.Database with { MustExist = true } });

        var error = await Expect.RefusedAsync(host.StartTimerServerAsync);

        Assert.That(error.Code, Is.EqualTo("no-database"));
        Assert.That(Directory.GetFileSystemEntries(folder.Path), Is.Empty, "neither the database nor Hangfire's file beside it");
    }
}
