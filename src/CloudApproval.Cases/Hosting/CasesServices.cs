using CloudApproval.Cases.Applicants;
using CloudApproval.Cases.Archive;
using CloudApproval.Cases.Applications;
using CloudApproval.Cases.Blobs;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Documents;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Licences;
using CloudApproval.Cases.Matters;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Signing;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Timers;
using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Runtime;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.AspNetCore.DataProtection;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudApproval.Cases.Hosting;

/// <summary>Registers the case-management shell. The services are stateless singletons over a pooled context factory.</summary>
public static class CasesServices
{
    public static IServiceCollection AddCloudApprovalCases(this IServiceCollection services, CasesSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        services.AddSingleton(settings.Database);
        services.TryAddSingleton<TimeProvider>(MicrosecondClock.Instance);
        services.TryAddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<CasesDbFactory>();
        services.AddSingleton(_ => CalendarFiles.LoadFolder(Path.Combine(settings.WorkflowsFolder, "calendars")));
        services.AddSingleton(sp => new ProcedureRunner(sp.GetRequiredService<WorkingCalendar>()));
        services.AddSingleton<DefinitionCache>();
        services.AddSingleton<ImportProcedures>();
        services.AddSingleton<PublishProcedure>();
        services.AddSingleton<SaveDraft>();
        services.AddSingleton<SimulateProcedure>();
        services.AddSingleton<ProcedureCatalog>();
        services.AddSingleton<ProcedureOverview>();
        services.AddSingleton<MatterCatalog>();
        services.AddSingleton<ApplicantProfiles>();
        services.AddSingleton<DepartmentSeals>();
        services.AddSingleton<NoticeTemplates>();
        services.AddSingleton<DocumentRenderer>();
        services.AddSingleton<DocumentQueue>();
        services.AddTransient<IssueDocuments>();
        services.AddSingleton<DocumentReader>();
        services.AddSingleton<MyNotices>();
        // The embedded verifier unless the host registered its identity platform first.
        services.TryAddSingleton<IRealNameVerification, CodeCheckVerification>();
        // The file system under the data folder unless the host registered another store (object storage) first.
        services.TryAddSingleton<IBlobStore>(_ => new FileSystemBlobStore(settings.BlobsPath));
        services.AddSingleton<ApplicationDrafts>();
        services.AddSingleton<ApplicationLicences>();
        services.AddSingleton<CommitmentPreview>();
        services.AddSingleton<VerifyApplication>();
        services.AddSingleton<RequestCorrections>();
        services.AddSingleton<AnswerCorrections>();
        services.AddSingleton<SupplementDeferred>();
        services.AddSingleton<Collaboration.CollaborationFigures>();
        services.AddSingleton<Collaboration.AssistanceCatalog>();
        services.AddSingleton<Collaboration.RequestAssistance>();
        services.AddSingleton<Collaboration.AssistanceRequests>();
        services.AddSingleton<Collaboration.AssistanceFigures>();
        services.AddSingleton<Efficiency.EfficiencyFigures>();
        services.AddSingleton<Efficiency.OnTimeAlertCheck>();
        services.AddSingleton<ApplicationReader>();
        services.AddSingleton<CaseMaterials>();
        services.AddSingleton<SubmitApplication>();
        services.AddSingleton<LicenceIssuing>();
        services.AddSingleton<LicenceReminderScheduler>();
        services.AddTransient<LicenceReminderJob>();
        services.AddSingleton<VerifyLicence>();
        services.AddSingleton<LicenceList>();
        services.AddSingleton<RevokeLicence>();
        services.AddSingleton<RecordDelivery>();
        services.AddSingleton<ExtensionNotices>();
        services.AddSingleton<DeliveryCheck>();
        services.AddSingleton<DeliveryAlerts>();
        // A test host may have registered its own seams first (a pause between batches).
        services.TryAddSingleton<ExtensionJobHooks>();
        services.AddTransient<ExtensionJob>();
        services.AddSingleton<CaseRuntime>();
        services.AddSingleton<CaseHistory>();
        services.AddSingleton<BuildArchive>();
        services.AddSingleton<CaseArchives>();
        services.AddSingleton<CaseList>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<RecomputeForCalendarChange>();
        services.AddSingleton<TaskCommands>();
        services.AddSingleton<Alerts.TaskReminders>();
        services.AddSingleton<Alerts.StaffAlerts>();
        services.AddSingleton<TaskInbox>();
        services.AddSingleton<Workload>();
        services.AddSingleton<AuditVerifier>();
        services.AddSingleton<ConsistencyCheck>();
        services.AddSingleton<SystemVerification>();
        services.AddSingleton<MakeCheckpoint>();
        services.AddSingleton<CheckpointVerifier>();
        services.AddTransient<TimerJob>();
        services.AddSingleton<JobStorage>(_ => CreateStorage(settings));
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>()));
        services.AddSingleton<IRecurringJobManager>(sp => new RecurringJobManager(sp.GetRequiredService<JobStorage>()));
        // The first hosted service of every host, so it runs before any registered after it (the timer server above all).
        services.AddHostedService<CasesStartup>();
        // Applicants' private keys are stored protected; the key ring lives in a folder of its own so a restart reads them.
        // After the start-up step: Data Protection's key-ring warm-up is a hosted service too, and must not run first.
        services.AddDataProtection().SetApplicationName("CloudApproval").PersistKeysToFileSystem(new DirectoryInfo(settings.KeyRingPath));
        services.TryAddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        return services;
    }

    /// <summary>
    /// Applies migrations and repairs licence timers left half-scheduled by a crash. A host runs it through
    /// <see cref="CasesStartup"/>; a command without a host (no timer server) calls it once at start.
    /// </summary>
    public static async Task InitializeCasesAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<CasesDbFactory>();
        if (factory.Options.MigrateAtStart) await CasesDatabase.MigrateAsync(factory, cancellationToken);
        await services.GetRequiredService<LicenceReminderScheduler>().ReconcileAsync(cancellationToken);
    }

    /// <summary>
    /// The recurring jobs every deployment runs, whichever host starts the Hangfire server: the licence timer reconcile (the
    /// safety net for jobs lost outside our control), the sweep of notices without a document, and the signed audit checkpoint.
    /// </summary>
    public static void ScheduleRecurringJobs(this IServiceProvider services)
    {
        var jobs = services.GetRequiredService<IRecurringJobManager>();
        // Case timers need no reconcile (the timer pump reads due rows): the one-job-per-timer design's recurring job goes
        // from storages that still have it. TimerJob jobs it left behind run harmlessly: the row's status is the guard.
        jobs.RemoveIfExists("reconcile-timers");
        // Closed cases are archived within minutes; a package can also be produced on the first request for it.
        jobs.AddOrUpdate<CaseArchives>("archive-closed-cases", a => a.SweepAsync(CancellationToken.None), "*/10 * * * *");
        jobs.AddOrUpdate<LicenceReminderScheduler>("reconcile-licence-timers", s => s.ReconcileAsync(CancellationToken.None), "*/5 * * * *");
        jobs.AddOrUpdate<DeliveryCheck>("licence-delivery-check", c => c.RunAsync(CancellationToken.None), "17 * * * *");
        // Last month's on-time rates, daily (01:41 UTC, morning in Shanghai): a missed day is caught up the next.
        jobs.AddOrUpdate<Efficiency.OnTimeAlertCheck>(Efficiency.OnTimeAlertCheck.JobId, c => c.RunAsync(CancellationToken.None), "41 1 * * *");
        // Notices a crash left without a document (committed, not enqueued): swept now and every few minutes.
        jobs.AddOrUpdate<IssueDocuments>("issue-documents", d => d.SweepAsync(CancellationToken.None), "*/5 * * * *");
        services.GetRequiredService<IBackgroundJobClient>().Enqueue<IssueDocuments>(d => d.SweepAsync(CancellationToken.None));
        services.GetRequiredService<DocumentRenderer>().LogForm(services.GetRequiredService<ILogger<DocumentRenderer>>());
        var schedule = services.GetRequiredService<CasesSettings>().CheckpointSchedule;
        try
        {
            jobs.AddOrUpdate<MakeCheckpoint>("audit-checkpoint", m => m.RunAsync(CancellationToken.None), schedule);
        }
        catch (ArgumentException)
        {
            throw new CasesException("invalid-input", $"checkpoint schedule '{schedule}' is not a cron expression (e.g. \"0 * * * *\" for hourly)");
        }
    }

    /// <summary>The PostgreSQL schema of Hangfire's tables.</summary>
    public const string HangfireSchema = "hangfire";

    private static JobStorage CreateStorage(CasesSettings settings)
    {
        if (settings.Database.Provider == DatabaseProvider.SqlServer)
            return new SqlServerStorage(settings.Database.SqlServerConnectionString, new SqlServerStorageOptions
            {
                QueuePollInterval = TimeSpan.FromSeconds(1),
                PrepareSchemaIfNecessary = settings.Database.MigrateAtStart,
            });
        if (settings.Database.Provider == DatabaseProvider.PostgreSql)
        {
            var options = new PostgreSqlStorageOptions
            {
                // Its own schema, beside ours in public: our migrations and Hangfire's install script never meet.
                SchemaName = HangfireSchema,
                // Nodes started after a separate migrate step must not race to create the schema (see MigrateAtStart).
                PrepareSchemaIfNecessary = settings.Database.MigrateAtStart,
                // A due timer is enqueued by the scheduler (polled every second) and then fetched from the queue: polled
                // every half second, it runs about a second after its due time.
                QueuePollInterval = TimeSpan.FromMilliseconds(500),
                // Failover: a node killed while running a timer job holds it for the invisibility timeout (default 30 min)
                // and its locks for the lock timeout (default 10 min). Live workers keep extending a sliding timeout, so
                // a short one only shortens how long the survivors wait for a dead node's work.
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = TimeSpan.FromMinutes(1),
                DistributedLockTimeout = TimeSpan.FromMinutes(1),
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(settings.Database.PostgreSqlConnectionString
                ?? throw new InvalidOperationException("PostgreSQL needs a connection string (ConnectionStrings:CloudApproval)"), options), options);
        }
        // A host resolves the timer server, and so this storage, before its start-up step checks the database: a command
        // that must not create one (MustExist) is refused here, before Hangfire's file is created beside it. Otherwise
        // the start-up step refuses an unusable file (the web host resolves the storage when it maps the dashboard,
        // outside its start, so it must not be refused here).
        if (settings.Database.MustExist) SqliteFile.Check(settings.Database.SqlitePath, mustExist: true);
        Directory.CreateDirectory(Path.GetDirectoryName(settings.HangfirePath)!);
        // The default 15 s queue poll makes a due timer fire up to half a minute late. A process killed
        // while holding a distributed lock leaves it behind until it expires; live holders renew theirs, so a short
        // lifetime only shortens how long a restart waits for a dead process's locks (default 30 s per lock).
        return new SQLiteStorage(settings.HangfirePath, new SQLiteStorageOptions
        {
            QueuePollInterval = TimeSpan.FromMilliseconds(500),
            DistributedLockLifetime = TimeSpan.FromSeconds(5),
            // A timer job fetched by a worker that died is handed to another worker after this long (default 30 min).
            InvisibilityTimeout = TimeSpan.FromMinutes(1),
        });
    }
}
