using CloudApproval.Cases.Persistence;

namespace CloudApproval.Cases.Hosting;

/// <summary>How the case-management shell is wired: database, workflows folder (calendars), Hangfire storage, audit checkpoints.</summary>
public sealed record CasesSettings
{
    public DatabaseOptions Database { get; init; } = new();

    /// <summary>The folder holding <c>calendars/</c> and the procedure files.</summary>
    public required string WorkflowsFolder { get; init; }

    /// <summary>SQLite only: Hangfire's own database file; default beside the cases database.</summary>
    public string? HangfireSqlitePath { get; init; }

    /// <summary>
    /// The SM2 key that signs audit checkpoints: a file outside the database, created on first use. Default
    /// <c>~/.config/cloudapproval/audit-sm2.key</c> (never in the repository, never beside the data by default).
    /// </summary>
    public string? AuditKeyPath { get; init; }

    /// <summary>The append-only file of signed checkpoints, one JSON line each; default beside the cases database.</summary>
    public string? CheckpointLogPath { get; init; }

    /// <summary>How often the timer server makes a checkpoint, as a cron expression; default hourly.</summary>
    public string? CheckpointCron { get; init; }

    /// <summary>Where uploaded files are stored (content-addressed); default <c>blobs/</c> beside the cases database.</summary>
    public string? BlobsFolder { get; init; }

    /// <summary>
    /// The folder of the departments' e-seal keys, one PKCS#8 PEM file per department (<c>&lt;department&gt;.pem</c>). Default
    /// <c>~/.config/cloudapproval/seals/</c>: outside the repository and not beside the data.
    /// </summary>
    public string? SealKeysFolder { get; init; }

    /// <summary>
    /// Whether a department without a seal key gets a new one on first use (the demo and tests). In production keys are
    /// issued by the seal authority and placed in <see cref="SealKeysFolder"/>; set false so a missing key is an error.
    /// </summary>
    public bool GenerateMissingSealKeys { get; init; } = true;

    /// <summary>
    /// The Data Protection key ring that protects applicants' private signing keys; default <c>keys/</c> beside the cases
    /// database. Losing it loses every stored signing key (applicants then get new ones): back it up with the database,
    /// but keep it where the database's readers cannot read it.
    /// </summary>
    public string? KeyRingFolder { get; init; }

    /// <summary>
    /// The CJK TrueType font documents are set in as PDF. Unset: the first of the usual system paths that exists
    /// (<c>fonts-droid-fallback</c>, Noto Sans SC ...). A path that does not exist, or no font found: documents are
    /// issued as self-contained HTML instead (sealed alike), and the start-up log says what to install.
    /// </summary>
    public string? DocumentFontPath { get; init; }

    /// <summary>How large one application's materials may be in total, in MiB (each material has its own limit too).</summary>
    public int MaxApplicationMegabytes { get; init; } = 500;

    /// <summary>How many days before a licence's last valid day its holder is reminded to renew (art. 50); default 60 and 30.</summary>
    public IReadOnlyList<int> LicenceReminderDays { get; init; } = [60, 30];

    /// <summary>Working days after the decision within which a licence must reach its holder (art. 44); default 10.</summary>
    public int LicenceDeliveryWorkingDays { get; init; } = 10;

    /// <summary>
    /// The share of a month's decisions (percent) a matter must make within the legal limit; under it, its department's
    /// head is alerted (<see cref="Efficiency.OnTimeAlertCheck"/>); default 90.
    /// </summary>
    public double OnTimeAlertPercent { get; init; } = 90;

    internal string BlobsPath => BlobsFolder ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Database.SqlitePath))!, "blobs");

    internal string KeyRingPath => KeyRingFolder ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Database.SqlitePath))!, "keys");

    internal string KeyPath => AuditKeyPath
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "cloudapproval", "audit-sm2.key");

    /// <summary>The seal keys folder in effect (the configured one or the default).</summary>
    public string SealKeysPath => SealKeysFolder
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "cloudapproval", "seals");

    internal string CheckpointSchedule => CheckpointCron ?? "0 * * * *";

    internal string CheckpointPath => CheckpointLogPath ?? Beside("-checkpoints.jsonl");

    internal string HangfirePath => HangfireSqlitePath ?? Beside("-hangfire.db");

    private string Beside(string suffix) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Database.SqlitePath))!, Path.GetFileNameWithoutExtension(Database.SqlitePath) + suffix);
}
