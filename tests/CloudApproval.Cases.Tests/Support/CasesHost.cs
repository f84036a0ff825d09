using System.Text.Json.Nodes;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Timers;
using CloudApproval.Engine.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudApproval.Cases.Tests.Support;

/// <summary>
/// The case-management shell wired as the application wires it (a generic host with the cases shell and the timer
/// server), on SQLite files in a test's folder. The host starts only when a test starts the timer server; disposing it
/// is a host shutdown; a new host on the same folder is a restart.
/// </summary>
internal sealed class CasesHost : IAsyncDisposable
{
    public const string Analyst = "analyst-zhou";

    private readonly IHost _host;
    private bool _started;

    private CasesHost(TempFolder folder, IHost host)
    {
        Folder = folder;
        _host = host;
    }

    public TempFolder Folder { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>The SQLite file, for the command line (SQLite only: skipped on PostgreSQL).</summary>
    public string DatabasePath
    {
        get
        {
            TestDatabases.RequireSqlite("the command line works on a SQLite file");
            return Folder.File("cases.db");
        }
    }

    /// <summary>The database for <see cref="RawSql"/>, on either provider.</summary>
    public string Database => Folder.Database;


    /// <param name="folder">Where the databases live.</param>
    /// <param name="clock">The clock; the system clock when null.</param>
    /// <param name="initialize">Migrate and reconcile, as the application does at start.</param>
    /// <param name="workflows">The folder whose calendars the runner counts on; the repository's by default.</param>
    /// <param name="configure">Changes to the settings (the audit key file, say).</param>
    /// <param name="services">Extra services (an EF Core interceptor that counts commits, say).</param>
    public static async Task<CasesHost> StartAsync(TempFolder folder, TimeProvider? clock = null, bool initialize = true, string? workflows = null,
        Func<CasesSettings, CasesSettings>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var collection = builder.Services;
        // Hangfire logs through a process-wide provider bound to the last host's logger factory; one host's disposed
        // factory would then break the next host's Hangfire (the tests run many hosts in one process). The null
        // factory is never disposed; the shell logged nothing here before either.
        collection.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        // Before AddCloudApprovalCases: it only adds the system clock when no TimeProvider is registered.
        if (clock is not null) collection.AddSingleton(clock);
        var settings = new CasesSettings
        {
            // On PostgreSQL the SQLite path still places the blobs, checkpoint log and keys in the test's folder.
            Database = TestDatabases.OnPostgreSql
                ? new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, PostgreSqlConnectionString = folder.ServerDatabase, SqlitePath = folder.File("cases.db") }
                : new DatabaseOptions { SqlitePath = folder.File("cases.db") },
            WorkflowsFolder = workflows ?? Repo.Workflows,
            // The departments' e-seal keys of this test alone, never the user's.
            SealKeysFolder = folder.File("seals"),
        };
        collection.AddCloudApprovalCases(configure is null ? settings : configure(settings)).AddCloudApprovalTimers(workers: 2);
        services?.Invoke(collection);
        var host = builder.Build();
        if (initialize) await host.Services.InitializeCasesAsync();
        return new CasesHost(folder, host);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public CaseRuntime Runtime => Get<CaseRuntime>();

    public TaskCommands Tasks => Get<TaskCommands>();

    /// <summary>Starts the host: the cases start-up step (migrate, reconcile, recurring jobs), then the Hangfire server.</summary>
    public async Task StartTimerServerAsync()
    {
        await _host.StartAsync();
        _started = true;
    }

    public CasesDbContext Db() => Get<CasesDbFactory>().CreateDbContext();

    /// <summary>Imports a workflows folder (the repository's by default) and publishes what it adds.</summary>
    public Task<ImportReport> ImportAsync(string? folder = null, bool publish = true) =>
        Get<ImportProcedures>().RunAsync(folder ?? Repo.Workflows, TestActors.Analyst(), publish);

    public async Task<Case> CaseAsync(string caseId)
    {
        await using var db = Db();
        return await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId);
    }

    public async Task<InstanceState> StateAsync(string caseId) => InstanceState.FromJson((await CaseAsync(caseId)).StateJson);

    public async Task<List<WorkTask>> TasksOfAsync(string caseId)
    {
        await using var db = Db();
        return await db.Tasks.AsNoTracking().Where(t => t.CaseId == caseId).OrderBy(t => t.Id).ToListAsync();
    }

    /// <summary>The open or claimed task of an activity; fails the test when there is not exactly one.</summary>
    public async Task<WorkTask> OpenTaskAsync(string caseId, string activityId)
    {
        var tasks = (await TasksOfAsync(caseId))
            .Where(t => t.ActivityId == activityId && t.Status is WorkTaskStatus.Open or WorkTaskStatus.Claimed).ToList();
        Assert.That(tasks, Has.Count.EqualTo(1), $"open {activityId} tasks of {caseId}");
        return tasks[0];
    }

    public async Task<WorkTask> TaskAsync(long taskId)
    {
        await using var db = Db();
        return await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == taskId);
    }

    public async Task<List<AuditEntry>> AuditAsync(string caseId)
    {
        await using var db = Db();
        return await db.AuditEntries.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.Sequence).ToListAsync();
    }

    public async Task<List<CaseTimer>> TimersOfAsync(string caseId)
    {
        await using var db = Db();
        return await db.Timers.AsNoTracking().Where(t => t.CaseId == caseId).OrderBy(t => t.Id).ToListAsync();
    }

    public async Task<CaseTimer> TimerAsync(long timerId)
    {
        await using var db = Db();
        return await db.Timers.AsNoTracking().SingleAsync(t => t.Id == timerId);
    }

    public Task<AuditVerification> VerifyAsync(string caseId) => Get<AuditVerifier>().VerifyAsync(caseId);

    /// <summary>Starts a deficiency-pending case (容缺办理) with the given start input.</summary>
    public async Task<string> StartDeficiencyAsync(JsonObject? input = null, string applicant = "applicant-chen") =>
        (await Runtime.StartAsync("deficiency-pending", null, input, Actor.Operator(applicant))).CaseId;

    /// <summary>
    /// Pre-review accepts with a deficiency and the applicant signs the commitment: the case then waits for the
    /// missing materials until the supplement deadline (a Hangfire timer).
    /// </summary>
    public async Task AcceptWithDeficiencyAsync(string caseId)
    {
        var preReview = await OpenTaskAsync(caseId, "pre-review");
        await Tasks.CompleteAsync(preReview.Id, "accept-with-deficiency", new JsonObject { ["missingMaterials"] = "credit certificate" }, Actor.Operator("clerk-li"));
        await Runtime.SendEventAsync(caseId, "commitment-signed", null, Actor.Operator("applicant-chen"));
    }

    /// <summary>The pending deadline timer of the wait for the missing materials.</summary>
    public async Task<CaseTimer> SupplementDeadlineAsync(string caseId) =>
        (await TimersOfAsync(caseId)).Single(t => t.ActivityId == "wait-supplement" && t.Purpose == nameof(TimerPurpose.Deadline));

    public async ValueTask DisposeAsync()
    {
        // Stop the server first: its workers use the container.
        if (_started) await _host.StopAsync();
        _host.Dispose();
    }
}
