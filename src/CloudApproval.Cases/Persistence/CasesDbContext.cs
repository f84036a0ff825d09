using CloudApproval.Cases.Archive;
using CloudApproval.Cases.Applicants;
using CloudApproval.Cases.Applications;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Documents;
using CloudApproval.Cases.Efficiency;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Licences;
using CloudApproval.Cases.Matters;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CloudApproval.Cases.Persistence;

/// <summary>
/// The case-management model. One subclass per provider (SQLite, SQL Server, PostgreSQL), each with its own migrations, because
/// EF Core ties a migrations assembly and snapshot to one context type.
/// </summary>
public abstract class CasesDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The length of a text column unless the model says otherwise.</summary>
    public const int DefaultStringLength = 400;

    public DbSet<ProcedureVersion> ProcedureVersions => Set<ProcedureVersion>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<WorkTask> Tasks => Set<WorkTask>();
    public DbSet<Access.WorkingDepartment> WorkingDepartments => Set<Access.WorkingDepartment>();
    public DbSet<CaseTimer> Timers => Set<CaseTimer>();
    public DbSet<Notice> Notices => Set<Notice>();
    public DbSet<Licence> Licences => Set<Licence>();
    public DbSet<LicenceSequence> LicenceSequences => Set<LicenceSequence>();
    public DbSet<LicenceReminder> LicenceReminders => Set<LicenceReminder>();
    public DbSet<ExtensionNotice> ExtensionNotices => Set<ExtensionNotice>();
    public DbSet<LicenceExtension> LicenceExtensions => Set<LicenceExtension>();
    public DbSet<DeliveryAlert> DeliveryAlerts => Set<DeliveryAlert>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();
    public DbSet<StoredMatter> Matters => Set<StoredMatter>();
    public DbSet<ApplicantProfile> ApplicantProfiles => Set<ApplicantProfile>();
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<ApplicationMaterial> ApplicationMaterials => Set<ApplicationMaterial>();
    public DbSet<CaseArchive> CaseArchives => Set<CaseArchive>();
    public DbSet<ApplicantKey> ApplicantKeys => Set<ApplicantKey>();
    public DbSet<ApplicationSignature> ApplicationSignatures => Set<ApplicationSignature>();
    public DbSet<ApplicationLicence> ApplicationLicences => Set<ApplicationLicence>();
    public DbSet<CorrectionRequest> CorrectionRequests => Set<CorrectionRequest>();
    public DbSet<OnTimeAlert> OnTimeAlerts => Set<OnTimeAlert>();
    public DbSet<Collaboration.AssistanceRequest> AssistanceRequests => Set<Collaboration.AssistanceRequest>();
    public DbSet<Alerts.StaffAlert> StaffAlerts => Set<Alerts.StaffAlert>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Every instant is stored in UTC; reading it back marks it UTC so "O" formatting and hashing are stable.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<string>().HaveMaxLength(DefaultStringLength);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        StoredState.Register(modelBuilder, Database.ProviderName);
        modelBuilder.Entity<ProcedureVersion>(e =>
        {
            e.HasIndex(x => new { x.DefinitionId, x.Version }).IsUnique();
            e.Property(x => x.Json).HasMaxLength(int.MaxValue);
            e.Property(x => x.ContentHash).HasMaxLength(64);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.RowVersion).IsConcurrencyToken();
        });
        modelBuilder.Entity<Case>(e =>
        {
            e.Property(x => x.Id).HasMaxLength(40);
            e.Property(x => x.StateJson).HasMaxLength(int.MaxValue);
            e.Property(x => x.RowDigests).HasMaxLength(int.MaxValue);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.LegalClock).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.RowVersion).IsConcurrencyToken();
            e.HasIndex(x => new { x.Status, x.CreatedAt });
            // Case lists (roots: parent null) newest first, keyset-paged on (CreatedAt, Id), read in index order instead of
            // sorting every case; a case's sub-procedures by parent, in the order they started.
            e.HasIndex(x => new { x.ParentCaseId, x.CreatedAt, x.Id });
            // Overdue lists: running cases whose legal clock runs past its decision day, found by the day instead of among all
            // running ones. The clock's status is in the key: decided cases still running (a commitment's verification, for
            // months) keep a past due date, and reading them from the table to drop them doubled the search (as many of them
            // as overdue ones in 200,000 cases: 25 ms against 13.5 ms).
            e.HasIndex(x => new { x.Status, x.LegalClock, x.ClockDueDate });
            e.Property(x => x.RootCaseId).HasMaxLength(40);
            e.Property(x => x.Applicant).HasMaxLength(256);
            // Case lists of a department: the cases it handles.
            e.HasIndex(x => new { x.Department, x.CreatedAt, x.Id });
            // Case lists: an applicant's own, newest first, keyset-paged on (CreatedAt, Id); a tree by its root.
            e.HasIndex(x => new { x.Applicant, x.CreatedAt, x.Id });
            e.HasIndex(x => x.RootCaseId);
            // The efficiency dashboard: a matter's open cases (its backlog) and those that ended since a period began, without
            // reading the matter's older history or any other case (see MatterCases).
            e.Property(x => x.MatterCode).HasMaxLength(64);
            e.Property(x => x.ClockJson).HasMaxLength(int.MaxValue);
            e.HasIndex(x => new { x.MatterCode, x.Status, x.UpdatedAt });
        });
        modelBuilder.Entity<WorkTask>(e =>
        {
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.OutcomesJson).HasMaxLength(int.MaxValue);
            e.Property(x => x.FormJson).HasMaxLength(int.MaxValue);
            e.Property(x => x.DataJson).HasMaxLength(int.MaxValue);
            e.Property(x => x.Instructions).HasMaxLength(4000);
            e.Property(x => x.SharedMaterials).HasMaxLength(4000);
            e.Ignore(x => x.IsOpen);
            e.Property(x => x.RowVersion).IsConcurrencyToken();
            e.HasIndex(x => new { x.CaseId, x.LocalId }).IsUnique();
            // Inbox queries: by department or assignee, open first, sorted by due date, keyset-paged on (DueAt, Id).
            e.HasIndex(x => new { x.Department, x.Status, x.DueAt, x.Id });
            e.HasIndex(x => new { x.Assignee, x.Status, x.DueAt, x.Id });
        });
        modelBuilder.Entity<Access.WorkingDepartment>(e =>
        {
            e.HasKey(x => new { x.RootCaseId, x.Department });
            e.Property(x => x.RootCaseId).HasMaxLength(40);
            // A department's case list: its trees newest first, keyset-paged on (CreatedAt, RootCaseId).
            e.HasIndex(x => new { x.Department, x.CreatedAt, x.RootCaseId });
        });
        modelBuilder.Entity<CaseTimer>(e =>
        {
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => new { x.CaseId, x.LocalId }).IsUnique();
            // The timer pump's query: pending rows by due time.
            e.HasIndex(x => new { x.Status, x.DueAt });
        });
        modelBuilder.Entity<Notice>(e =>
        {
            e.Property(x => x.DataJson).HasMaxLength(int.MaxValue);
            e.Property(x => x.ServiceMethod).HasMaxLength(16);
            e.HasIndex(x => x.CaseId);
        });
        modelBuilder.Entity<Document>(e =>
        {
            e.Property(x => x.Id).HasMaxLength(40);
            // A notice gets exactly one document: a second issue of the same notice collides here.
            e.HasIndex(x => x.NoticeId).IsUnique();
            e.HasOne<Notice>().WithMany().HasForeignKey(x => x.NoticeId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.CaseId).HasMaxLength(40);
            e.HasIndex(x => x.CaseId);
            e.Property(x => x.Department).HasMaxLength(100);
            e.Property(x => x.Template).HasMaxLength(100);
            e.Property(x => x.MediaType).HasMaxLength(64);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.SealId).HasMaxLength(120);
            e.Property(x => x.SealDigest).HasMaxLength(64);
            e.Property(x => x.SealSignature).HasMaxLength(200);
            e.Property(x => x.SealPublicKey).HasMaxLength(200);
            e.Ignore(x => x.Seal);
        });
        modelBuilder.Entity<Licence>(e =>
        {
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => x.CaseId);
            e.Property(x => x.Holder).HasMaxLength(256);
            e.Property(x => x.MatterCode).HasMaxLength(64);
            e.Property(x => x.Department).HasMaxLength(64);
            e.Property(x => x.ContentJson).HasMaxLength(int.MaxValue);
            e.Property(x => x.SealJson).HasMaxLength(4000);
            e.Ignore(x => x.EffectiveUntil);
            // A holder's licences; a department's, soonest expiring first (staff lists, extension notices).
            e.HasIndex(x => x.Holder);
            e.HasIndex(x => new { x.Department, x.ValidUntil });
            e.Property(x => x.RenewedBy).HasMaxLength(64);
        });
        modelBuilder.Entity<LicenceSequence>(e =>
        {
            e.Property(x => x.Prefix).HasMaxLength(16);
            // Two nodes starting a year's numbers at once collide here rather than both handing out number 1.
            e.HasIndex(x => new { x.Prefix, x.Year }).IsUnique();
            e.Property(x => x.RowVersion).IsConcurrencyToken();
        });
        modelBuilder.Entity<LicenceReminder>(e =>
        {
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.HangfireJobId).HasMaxLength(64);
            e.Property(x => x.LicenceNumber).HasMaxLength(64);
            e.HasIndex(x => new { x.LicenceNumber, x.Kind, x.ForUntil }).IsUnique();
            e.HasIndex(x => x.Status);
        });
        modelBuilder.Entity<ExtensionNotice>(e =>
        {
            e.Property(x => x.Department).HasMaxLength(64);
            e.Property(x => x.MatterCode).HasMaxLength(64);
            e.Property(x => x.LegalBasis).HasMaxLength(4000);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.AppliedBy).HasMaxLength(256);
            e.Property(x => x.RowVersion).IsConcurrencyToken();
        });
        modelBuilder.Entity<LicenceExtension>(e =>
        {
            // A licence is extended once per notice, however often the job restarts.
            e.HasIndex(x => new { x.NoticeId, x.LicenceId }).IsUnique();
            e.HasIndex(x => x.LicenceId);
        });
        modelBuilder.Entity<DeliveryAlert>(e =>
        {
            e.Property(x => x.LicenceNumber).HasMaxLength(64);
            e.Property(x => x.Department).HasMaxLength(64);
            // One alert per licence, however often (and on however many nodes) the check runs.
            e.HasIndex(x => x.LicenceNumber).IsUnique();
            e.HasIndex(x => new { x.Department, x.ResolvedAt });
        });
        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.Property(x => x.Detail).HasMaxLength(int.MaxValue);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            e.Property(x => x.StateDigest).HasMaxLength(64);
            // The chain cannot fork: two writers appending the same sequence collide here.
            e.HasIndex(x => new { x.CaseId, x.Sequence }).IsUnique();
        });
        modelBuilder.Entity<StoredMatter>(e =>
        {
            e.Property(x => x.Code).HasMaxLength(64);
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Department).HasMaxLength(64);
            e.Property(x => x.DefinitionId).HasMaxLength(64);
            e.Property(x => x.Json).HasMaxLength(int.MaxValue);
            e.Property(x => x.ContentHash).HasMaxLength(64);
            e.Property(x => x.RowVersion).IsConcurrencyToken();
        });
        modelBuilder.Entity<ApplicantProfile>(e =>
        {
            e.Property(x => x.UserName).HasMaxLength(256);
            e.HasIndex(x => x.UserName).IsUnique();
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.VerificationLevel).HasConversion<string>().HasMaxLength(24);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.IdNumber).HasMaxLength(18);
            e.Property(x => x.LegalRepresentativeIdNumber).HasMaxLength(18);
            e.Property(x => x.AgentIdNumber).HasMaxLength(18);
            e.Property(x => x.RowVersion).IsConcurrencyToken();
        });
        modelBuilder.Entity<Application>(e =>
        {
            e.Property(x => x.Id).HasMaxLength(40);
            e.Property(x => x.Applicant).HasMaxLength(256);
            e.Property(x => x.MatterCode).HasMaxLength(64);
            e.Property(x => x.DataJson).HasMaxLength(int.MaxValue);
            e.Property(x => x.ReceiptJson).HasMaxLength(int.MaxValue);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.CaseId).HasMaxLength(40);
            e.Property(x => x.DeferredJson).HasMaxLength(int.MaxValue);
            e.Property(x => x.RowVersion).IsConcurrencyToken();
            // The applicant's list, newest first.
            e.HasIndex(x => new { x.Applicant, x.CreatedAt });
            e.HasIndex(x => x.CaseId);
            // The efficiency dashboard's cases: a matter's applications and their cases, found from the matter, not by
            // walking every running case of every procedure to see whether an application names it.
            e.HasIndex(x => new { x.MatterCode, x.CaseId });
            e.Property(x => x.RenewsLicence).HasMaxLength(64);
            // A licence's renewal applications, found when it expires (art. 50).
            e.HasIndex(x => x.RenewsLicence);
        });
        modelBuilder.Entity<ApplicationMaterial>(e =>
        {
            e.Property(x => x.ApplicationId).HasMaxLength(40);
            e.Property(x => x.MaterialCode).HasMaxLength(64);
            e.Property(x => x.FileType).HasMaxLength(8);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            // Versions of a material: a draft's upload replaces its one version; a correction adds the next.
            e.HasIndex(x => new { x.ApplicationId, x.MaterialCode, x.Version }).IsUnique();
            e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ApplicantKey>(e =>
        {
            e.Property(x => x.UserName).HasMaxLength(256);
            e.HasIndex(x => x.UserName).IsUnique();
            e.Property(x => x.PublicKey).HasMaxLength(130);
            e.Property(x => x.ProtectedPrivateKey).HasMaxLength(int.MaxValue);
        });
        modelBuilder.Entity<ApplicationSignature>(e =>
        {
            e.Property(x => x.ApplicationId).HasMaxLength(40);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Signer).HasMaxLength(256);
            e.Property(x => x.CanonicalText).HasMaxLength(int.MaxValue);
            e.Property(x => x.Signature).HasMaxLength(160);
            e.Property(x => x.PublicKey).HasMaxLength(130);
            e.HasIndex(x => new { x.ApplicationId, x.Kind, x.Revision }).IsUnique();
            e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ApplicationLicence>(e =>
        {
            e.Property(x => x.ApplicationId).HasMaxLength(40);
            e.Property(x => x.MaterialCode).HasMaxLength(64);
            e.Property(x => x.LicenceNumber).HasMaxLength(128);
            e.Property(x => x.LicenceType).HasMaxLength(64);
            e.Property(x => x.IssuedByCase).HasMaxLength(40);
            e.HasIndex(x => new { x.ApplicationId, x.MaterialCode }).IsUnique();
            e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<CaseArchive>(e =>
        {
            // One package per case: the primary key makes a second producer's insert fail instead of doubling it.
            e.HasKey(x => x.CaseId);
            e.Property(x => x.CaseId).HasMaxLength(40);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.Department).HasMaxLength(DefaultStringLength);
            e.Property(x => x.SealId).HasMaxLength(DefaultStringLength);
        });
        modelBuilder.Entity<CorrectionRequest>(e =>
        {
            e.Property(x => x.ApplicationId).HasMaxLength(40);
            e.Property(x => x.CaseId).HasMaxLength(40);
            e.Property(x => x.ItemsJson).HasMaxLength(int.MaxValue);
            e.Property(x => x.Consequence).HasMaxLength(2000);
            e.Property(x => x.RequestedBy).HasMaxLength(256);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => new { x.ApplicationId, x.Status });
            e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Collaboration.AssistanceRequest>(e =>
        {
            e.Property(x => x.Id).HasMaxLength(40);
            e.Property(x => x.CaseId).HasMaxLength(40);
            e.Property(x => x.AssistanceCaseId).HasMaxLength(40);
            e.Property(x => x.ItemCode).HasMaxLength(64);
            e.Property(x => x.RequestingDepartment).HasMaxLength(64);
            e.Property(x => x.AssistingDepartment).HasMaxLength(64);
            e.Property(x => x.Question).HasMaxLength(4000);
            e.Property(x => x.RequestedBy).HasMaxLength(256);
            e.Property(x => x.AnsweredBy).HasMaxLength(256);
            e.Property(x => x.ProvidedBy).HasMaxLength(256);
            e.Property(x => x.DeclineReasons).HasMaxLength(4000);
            e.Property(x => x.Result).HasMaxLength(int.MaxValue);
            e.Property(x => x.ResultSha256).HasMaxLength(64);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.RowVersion).IsConcurrencyToken();
            e.HasIndex(x => x.CaseId);
            // The assisting department's step finds its request by the assistance case; one request per assistance case.
            e.HasIndex(x => x.AssistanceCaseId).IsUnique();
            e.HasIndex(x => new { x.AssistingDepartment, x.RequestedAt });
        });
        modelBuilder.Entity<OnTimeAlert>(e =>
        {
            e.Property(x => x.MatterCode).HasMaxLength(64);
            e.Property(x => x.Department).HasMaxLength(64);
            // One alert per matter and period, however often (and on however many nodes) the check runs.
            e.HasIndex(x => new { x.MatterCode, x.PeriodFrom }).IsUnique();
        });
        modelBuilder.Entity<Alerts.StaffAlert>(e =>
        {
            e.Property(x => x.Recipient).HasMaxLength(256);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Department).HasMaxLength(64);
            e.Property(x => x.CaseId).HasMaxLength(64);
            e.Property(x => x.SentBy).HasMaxLength(256);
            e.Property(x => x.Message).HasMaxLength(Alerts.TaskReminders.MaxMessageLength);
            // A mailbox is read newest first.
            e.HasIndex(x => new { x.Recipient, x.SentAt });
            // An on-time alert is delivered to each head once, however often their mailbox is opened at once.
            e.HasIndex(x => new { x.Recipient, x.OnTimeAlertId }).IsUnique();
        });
        modelBuilder.Entity<AuditCheckpoint>(e =>
        {
            e.Property(x => x.MerkleRoot).HasMaxLength(64);
            e.Property(x => x.LeavesJson).HasMaxLength(int.MaxValue);
            // Two nodes checkpointing at once collide here rather than both writing number N.
            e.HasIndex(x => x.Number).IsUnique();
        });
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>The embedded default: a SQLite file in WAL mode.</summary>
public sealed class SqliteCasesDbContext(DbContextOptions<SqliteCasesDbContext> options) : CasesDbContext(options);

/// <summary>Production: SQL Server through Microsoft.Data.SqlClient.</summary>
public sealed class SqlServerCasesDbContext(DbContextOptions<SqlServerCasesDbContext> options) : CasesDbContext(options);

/// <summary>
/// Production: PostgreSQL through Npgsql. Its migrations are one <c>Initial</c> migration, regenerated from the model
/// whenever it changes (delete <c>Persistence/Migrations/PostgreSql</c>, then from the repository root):
/// <c>dotnet ef migrations add Initial --project src/CloudApproval.Cases --context PostgreSqlCasesDbContext --output-dir Persistence/Migrations/PostgreSql</c>
/// </summary>
public sealed class PostgreSqlCasesDbContext(DbContextOptions<PostgreSqlCasesDbContext> options) : CasesDbContext(options);
