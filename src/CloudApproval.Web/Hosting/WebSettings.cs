using CloudApproval.Cases.Persistence;

namespace CloudApproval.Web.Hosting;

/// <summary>The <c>CloudApproval</c> configuration section.</summary>
public sealed class WebSettings
{
    public const string Section = "CloudApproval";

    /// <summary>Sqlite (embedded default), SqlServer or PostgreSql (with ConnectionStrings:CloudApproval).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// SQLite: the database file; Hangfire's file lies beside it. Every provider keeps its files (uploaded materials, key
    /// ring, checkpoint log) in this file's folder: the nodes of a cluster share it.
    /// </summary>
    public string SqlitePath { get; set; } = Path.Combine("data", "cloudapproval.db");

    /// <summary>
    /// Migrate the databases (cases, identity, Hangfire's schema) at start. Several nodes on one server database run
    /// <c>CloudApproval.Web migrate</c> once before starting, and start with this false so they never race to create
    /// the same tables.
    /// </summary>
    public bool MigrateAtStart { get; set; } = true;

    /// <summary>
    /// SQLite: transitions that reach their commit together share one transaction and one durable COMMIT, each under its
    /// own savepoint (default true; false commits each alone).
    /// </summary>
    public bool GroupCommit { get; set; } = true;

    /// <summary>The folder holding the procedures and <c>calendars/</c>; found from the working directory when empty.</summary>
    public string? WorkflowsFolder { get; set; }

    /// <summary>Import and publish the workflows folder at start (idempotent; a changed published version stops the start).</summary>
    public bool ImportWorkflowsAtStart { get; set; } = true;

    /// <summary>
    /// Seed the demo organisation (users with a printed password). Honoured only on the embedded SQLite database:
    /// a server database is never given well-known passwords.
    /// </summary>
    public bool SeedDemoOrganisation { get; set; } = true;

    /// <summary>
    /// Tests only: seed the demo organisation on a server database too (a throwaway PostgreSQL database per test host).
    /// Never set in a deployment: the demo users have a printed password.
    /// </summary>
    public bool DemoOnServerDatabase { get; set; }

    /// <summary>
    /// Tests only: a pause after each committed batch of an extension notice's job, so that a two-node test can kill the
    /// node running it between two batches. Never set in a deployment: it only slows the job.
    /// </summary>
    public TimeSpan? ExtensionBatchPause { get; set; }

    /// <summary>Whether this installation gets the demo organisation: on SQLite when asked, on a server only for tests.</summary>
    internal bool SeedsDemoOrganisation(DatabaseOptions database) =>
        SeedDemoOrganisation && (database.Provider == DatabaseProvider.Sqlite || DemoOnServerDatabase);

    /// <summary>Sign-in attempts per client address and minute.</summary>
    public int LoginsPerMinute { get; set; } = 10;

    /// <summary>Anonymous requests (calendar, health) per client address and minute.</summary>
    public int PublicRequestsPerMinute { get; set; } = 120;

    /// <summary>Public licence verifications (the QR code's page) per client address and minute.</summary>
    public int VerificationsPerMinute { get; set; } = 30;

    /// <summary>
    /// The address the public reaches this installation at, printed in licences' QR codes
    /// (<c>&lt;PublicBaseUrl&gt;/verify/licences/{number}</c>); the address of the request when empty.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Hangfire workers in this node (timers fired at once). Default 2 on SQLite, whose one writer at a time gains
    /// nothing from more; 8 on a server database, where a firing spends most of its time waiting on commits.
    /// </summary>
    public int? TimerWorkers { get; set; }

    internal int TimerWorkersInEffect => TimerWorkers ?? (Provider == DatabaseProvider.Sqlite ? 2 : 8);

    /// <summary>The departments' e-seal keys (<c>CloudApproval:Seals</c>).</summary>
    public SealSettings Seals { get; set; } = new();

    /// <summary>The CJK TrueType font documents are set in as PDF; unset, the usual system paths are searched (no font: HTML).</summary>
    public string? DocumentFont { get; set; }

    /// <summary>
    /// The share of a month's decisions (percent) a matter must make within the legal limit before its head is alerted
    /// on the efficiency dashboard (<c>CloudApproval:OnTimeAlertPercent</c>, default 90).
    /// </summary>
    public double OnTimeAlertPercent { get; set; } = 90;

    /// <summary>The first administrator of an installation without the demo organisation (ignored once one exists).</summary>
    public AdminSettings? Admin { get; set; }
}

/// <summary>Where the departments' e-seal keys are, and whether a missing one is generated (demo) or an error (production).</summary>
public sealed class SealSettings
{
    /// <summary>One PKCS#8 PEM per department; default <c>~/.config/cloudapproval/seals/</c>.</summary>
    public string? KeysFolder { get; set; }

    /// <summary>Generate a department's key on first use; set false where keys come from the seal authority.</summary>
    public bool GenerateMissing { get; set; } = true;
}

/// <summary>The first administrator's credentials, from the environment or a secret store, never from the repository.</summary>
public sealed class AdminSettings
{
    public string? UserName { get; set; }

    public string? Password { get; set; }
}
