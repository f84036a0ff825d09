using CloudApproval.Cases.Persistence;

namespace CloudApproval.Web.Hosting;

/// <summary>The <c>CloudApproval</c> configuration section.</summary>
public sealed class WebSettings
{
    public const string Section = "CloudApproval";

    /// <summary>Sqlite (embedded default) or SqlServer.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite: the database file; Hangfire's file lies beside it.</summary>
    public string SqlitePath { get; set; } = Path.Combine("data", "cloudapproval.db");

    /// <summary>The folder holding the procedures and <c>calendars/</c>; found from the working directory when empty.</summary>
    public string? WorkflowsFolder { get; set; }

    /// <summary>Folder of the departments' e-seal keys (&lt;department&gt;.pem); default ~/.config/cloudapproval/seals.</summary>
    public string? SealKeysFolder { get; set; }

    /// <summary>False in production, where the seal authority issues keys: a department without one is then an error.</summary>
    public bool GenerateMissingSealKeys { get; set; } = true;

    /// <summary>Import and publish the workflows folder at start (idempotent; a changed published version stops the start).</summary>
    public bool ImportWorkflowsAtStart { get; set; } = true;

    /// <summary>
    /// Seed the demo organisation (users with a printed password). Honoured only on the embedded SQLite database:
    /// a server database is never given well-known passwords.
    /// </summary>
    public bool SeedDemoOrganisation { get; set; } = true;

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

    /// <summary>Hangfire workers in this node.</summary>
    public int TimerWorkers { get; set; } = 2;

    /// <summary>The first administrator of an installation without the demo organisation (ignored once one exists).</summary>
    public AdminSettings? Admin { get; set; }
}

/// <summary>The first administrator's credentials, from the environment or a secret store, never from the repository.</summary>
public sealed class AdminSettings
{
    public string? UserName { get; set; }

    public string? Password { get; set; }
}
