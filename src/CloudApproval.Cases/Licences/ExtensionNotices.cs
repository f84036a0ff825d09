using System.Text.RegularExpressions;
using CloudApproval.Cases.Access;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Licences;

/// <summary>
/// Extension notices (延期办): the head of a department (or an admin) drafts one (which licences: a matter or a licence
/// type of the department, expiring within a window; to which day or by how many months; on which legal basis), previews
/// how many licences it touches, and applies it. Applying hands the work to <see cref="ExtensionJob"/> (a Hangfire job,
/// in batches, resumable); reading the notice shows its progress. Staff of the department read its notices.
/// </summary>
public sealed partial class ExtensionNotices(CasesDbFactory factory, IBackgroundJobClient jobs, TimeProvider time)
{
    public const int MaxLegalBasis = 4000;
    public const int MaxMonths = 120;

    public async Task<ExtensionNoticeView> CreateAsync(ExtensionNoticeInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(input.Department) || !Slug().IsMatch(input.Department))
            throw new CasesException("invalid-input", "department: a department slug (lower-case letters, digits and '-')");
        if (!LicenceAccess.Governs(actor, input.Department))
            throw new CasesException("forbidden", $"{actor.Id} may not issue extension notices for {input.Department}: only its head or an admin may");
        if ((input.MatterCode is null) == (input.LicenceType is null))
            throw new CasesException("invalid-input", "matterCode, licenceType: name exactly one (the matter, or the licence type, whose licences are extended)");
        if (input.ExpiringTo < input.ExpiringFrom)
            throw new CasesException("invalid-input", $"expiringTo: {input.ExpiringTo:yyyy-MM-dd} is before expiringFrom {input.ExpiringFrom:yyyy-MM-dd}");
        if ((input.NewValidUntil is null) == (input.ExtendMonths is null))
            throw new CasesException("invalid-input", "newValidUntil, extendMonths: give exactly one (a new last day, or a number of months)");
        if (input.ExtendMonths is { } months && months is < 1 or > MaxMonths)
            throw new CasesException("invalid-input", $"extendMonths: {months} is out of range 1..{MaxMonths}");
        if (input.NewValidUntil is { } until && until <= input.ExpiringTo)
            throw new CasesException("invalid-input", $"newValidUntil: {until:yyyy-MM-dd} must be after the window's end {input.ExpiringTo:yyyy-MM-dd}, or some licences would be shortened");
        if (string.IsNullOrWhiteSpace(input.LegalBasis) || input.LegalBasis.Length > MaxLegalBasis)
            throw new CasesException("invalid-input", $"legalBasis: the notice states its legal basis (1..{MaxLegalBasis} characters)");
        if (input.LicenceType is { Length: > CasesDbContext.DefaultStringLength })
            throw new CasesException("invalid-input", $"licenceType: at most {CasesDbContext.DefaultStringLength} characters");
        await using var db = factory.CreateDbContext();
        if (input.MatterCode is { } code)
        {
            var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Code == code, cancellationToken)
                ?? throw new CasesException("invalid-input", $"matterCode: no matter '{code}' in the catalogue");
            if (matter.Department != input.Department)
                throw new CasesException("invalid-input", $"matterCode: matter '{code}' is decided by {matter.Department}, not {input.Department}");
        }
        var notice = new ExtensionNotice
        {
            Department = input.Department,
            MatterCode = input.MatterCode,
            LicenceType = input.LicenceType,
            ExpiringFrom = input.ExpiringFrom,
            ExpiringTo = input.ExpiringTo,
            NewValidUntil = input.NewValidUntil,
            ExtendMonths = input.ExtendMonths,
            LegalBasis = input.LegalBasis.Trim(),
            Status = ExtensionNoticeStatus.Draft,
            CreatedBy = actor.Recorded,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.ExtensionNotices.Add(notice);
        await db.SaveChangesAsync(cancellationToken);
        return await ViewAsync(db, notice, cancellationToken);
    }

    public async Task<IReadOnlyList<ExtensionNoticeView>> ListAsync(string? department, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!CaseAccess.ReadsAll(actor)) actor.RequireRole("read extension notices", ActorRoles.Clerk, ActorRoles.DepartmentHead);
        await using var db = factory.CreateDbContext();
        var mine = CaseAccess.ReadsAll(actor) ? null : actor.Departments.ToList();
        var rows = await db.ExtensionNotices.AsNoTracking()
            .Where(n => department == null || n.Department == department)
            .Where(n => mine == null || mine.Contains(n.Department))
            .OrderByDescending(n => n.Id).Take(200).ToListAsync(cancellationToken);
        var views = new List<ExtensionNoticeView>();
        foreach (var row in rows) views.Add(await ViewAsync(db, row, cancellationToken));
        return views;
    }

    /// <summary>The notice and its progress (done of total).</summary>
    public async Task<ExtensionNoticeView> GetAsync(long id, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        return await ViewAsync(db, await ReadableAsync(db, id, actor, cancellationToken), cancellationToken);
    }

    /// <summary>How many licences the notice would extend now (those it has not extended yet).</summary>
    public async Task<ExtensionPreview> PreviewAsync(long id, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        var notice = await ReadableAsync(db, id, actor, cancellationToken);
        RequireGoverns(actor, notice);
        var touched = await Pending(db, notice).CountAsync(cancellationToken);
        var earliest = await Pending(db, notice).Select(l => (DateOnly?)(l.ExtendedUntil ?? l.ValidUntil)).MinAsync(cancellationToken);
        return new ExtensionPreview(notice.Id, touched, earliest);
    }

    /// <summary>
    /// Starts (or, for a notice whose job died, restarts) applying the notice: the job extends what is not yet done.
    /// </summary>
    public async Task<ExtensionNoticeView> ApplyAsync(long id, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        var notice = await ReadableAsync(db, id, actor, cancellationToken);
        RequireGoverns(actor, notice);
        if (notice.Status == ExtensionNoticeStatus.Applied)
            throw new CasesException("extension-applied", $"extension notice {id} was applied on {notice.AppliedAt:yyyy-MM-dd}");
        if (notice.Status == ExtensionNoticeStatus.Draft)
        {
            notice.Status = ExtensionNoticeStatus.Applying;
            notice.Total = await Pending(db, notice).CountAsync(cancellationToken);
            notice.AppliedBy = actor.Recorded;
            notice.ApplyStartedAt = time.GetUtcNow().UtcDateTime;
            notice.RowVersion++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new CasesException("concurrent-change", $"extension notice {id} was applied by someone else at the same moment");
            }
        }
        // A second job for the same notice is harmless: each licence is extended once (unique record per licence).
        jobs.Enqueue<ExtensionJob>(job => job.RunAsync(id, CancellationToken.None));
        return await ViewAsync(db, notice, cancellationToken);
    }

    /// <summary>Valid licences the notice covers that it has not extended yet.</summary>
    internal static IQueryable<Licence> Pending(CasesDbContext db, ExtensionNotice notice) =>
        db.Licences.Where(l => l.Department == notice.Department && l.Status == LicenceStatus.Valid
                && (notice.MatterCode == null || l.MatterCode == notice.MatterCode)
                && (notice.LicenceType == null || l.LicenceType == notice.LicenceType)
                && (l.ExtendedUntil ?? l.ValidUntil) >= notice.ExpiringFrom && (l.ExtendedUntil ?? l.ValidUntil) <= notice.ExpiringTo
                && !db.LicenceExtensions.Any(x => x.NoticeId == notice.Id && x.LicenceId == l.Id));

    private static async Task<ExtensionNotice> ReadableAsync(CasesDbContext db, long id, Actor actor, CancellationToken ct)
    {
        var notice = await db.ExtensionNotices.SingleOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null || !(CaseAccess.ReadsAll(actor) || (CaseAccess.IsStaff(actor) && actor.InDepartment(notice.Department))))
            throw new CasesException("unknown-extension-notice", $"no extension notice {id}");
        return notice;
    }

    private static void RequireGoverns(Actor actor, ExtensionNotice notice)
    {
        if (!LicenceAccess.Governs(actor, notice.Department))
            throw new CasesException("forbidden", $"{actor.Id} may not apply extension notice {notice.Id}: only the head of {notice.Department} or an admin may");
    }

    private static async Task<ExtensionNoticeView> ViewAsync(CasesDbContext db, ExtensionNotice n, CancellationToken ct)
    {
        var done = await db.LicenceExtensions.CountAsync(x => x.NoticeId == n.Id, ct);
        return new ExtensionNoticeView(n.Id, n.Department, n.MatterCode, n.LicenceType, n.ExpiringFrom, n.ExpiringTo, n.NewValidUntil, n.ExtendMonths,
            n.LegalBasis, n.Status, Math.Max(n.Total, done), done, n.CreatedBy, n.CreatedAt, n.AppliedBy, n.ApplyStartedAt, n.AppliedAt);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex Slug();
}

/// <summary>A new extension notice: which licences (a matter or a licence type of the department, expiring in the window), to when, why.</summary>
public sealed record ExtensionNoticeInput(
    string Department,
    DateOnly ExpiringFrom,
    DateOnly ExpiringTo,
    string LegalBasis,
    string? MatterCode = null,
    string? LicenceType = null,
    DateOnly? NewValidUntil = null,
    int? ExtendMonths = null);

public sealed record ExtensionNoticeView(
    long Id,
    string Department,
    string? MatterCode,
    string? LicenceType,
    DateOnly ExpiringFrom,
    DateOnly ExpiringTo,
    DateOnly? NewValidUntil,
    int? ExtendMonths,
    string LegalBasis,
    ExtensionNoticeStatus Status,
    int Total,
    int Done,
    string CreatedBy,
    DateTime CreatedAt,
    string? AppliedBy,
    DateTime? ApplyStartedAt,
    DateTime? AppliedAt);

/// <summary>How many licences applying the notice would extend now, and the earliest last day among them.</summary>
public sealed record ExtensionPreview(long NoticeId, int Licences, DateOnly? EarliestExpiry);
