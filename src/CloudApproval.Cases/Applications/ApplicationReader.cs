using CloudApproval.Cases.Blobs;
using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Applications;

/// <summary>
/// An applicant's applications and their files. Only the applicant sees them: for anyone else an application does not
/// exist (a 404, so ids do not leak), whatever their role.
/// </summary>
public sealed class ApplicationReader(CasesDbFactory factory, IBlobStore blobs)
{
    private const int ListLimit = 200;
    public const int MaxPageLimit = 200;

    public async Task<ApplicationView> GetAsync(string applicationId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = factory.CreateDbContext();
        var application = await OwnAsync(db, applicationId, actor, cancellationToken);
        var materials = await db.ApplicationMaterials.AsNoTracking().Where(m => m.ApplicationId == application.Id).ToListAsync(cancellationToken);
        var licences = await db.ApplicationLicences.AsNoTracking().Where(l => l.ApplicationId == application.Id).ToListAsync(cancellationToken);
        return ApplicationView.Of(application, materials, licences);
    }

    /// <summary>
    /// The caller's applications, newest first, keyset-paged like the case list (the cursor of the last row of a page
    /// gives the next), optionally of one status.
    /// </summary>
    public async Task<ApplicationPage> PageAsync(ApplicationQuery query, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("list applications", ActorRoles.Applicant);
        if (query.Limit is < 1 or > MaxPageLimit) throw new CasesException("invalid-input", $"limit must be between 1 and {MaxPageLimit}");
        await using var db = factory.CreateDbContext();
        var me = actor.Id;
        var rows = db.Applications.AsNoTracking().Where(a => a.Applicant == me);
        if (query.Status is { } status) rows = rows.Where(a => a.Status == status);
        if (query.After is { } cursor)
        {
            var (created, id) = PageCursor.Parse(cursor);
            rows = rows.Where(a => a.CreatedAt < created || (a.CreatedAt == created && string.Compare(a.Id, id) < 0));
        }
        var page = await rows.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(query.Limit + 1)
            .Select(a => new ApplicationSummary(a.Id, a.MatterCode, a.Status, a.CaseId, a.CreatedAt, a.SubmittedAt))
            .ToListAsync(cancellationToken);
        var more = page.Count > query.Limit;
        if (more) page.RemoveAt(page.Count - 1);
        return new ApplicationPage(page, more ? PageCursor.Of(page[^1].CreatedAt, page[^1].Id) : null);
    }

    /// <summary>The caller's open correction requests (补正), oldest first, each with every item, the deadline and the consequence.</summary>
    public async Task<IReadOnlyList<CorrectionRequestView>> OpenCorrectionsAsync(Actor actor, DateTime now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("read correction requests", ActorRoles.Applicant);
        await using var db = factory.CreateDbContext();
        var me = actor.Id;
        var open = await db.CorrectionRequests.AsNoTracking()
            .Where(r => r.Status == CorrectionStatus.Open && (r.DeadlineAt == null || r.DeadlineAt > now)
                && db.Applications.Any(a => a.Id == r.ApplicationId && a.Applicant == me))
            .OrderBy(r => r.Id).Take(ListLimit).ToListAsync(cancellationToken);
        return [.. open.Select(r => CorrectionRequestView.Of(r))];
    }

    /// <summary>The caller's applications, newest first (the latest <see cref="ListLimit"/>).</summary>
    public async Task<IReadOnlyList<ApplicationSummary>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = factory.CreateDbContext();
        var me = actor.Id;
        return await db.Applications.AsNoTracking().Where(a => a.Applicant == me)
            .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(ListLimit)
            .Select(a => new ApplicationSummary(a.Id, a.MatterCode, a.Status, a.CaseId, a.CreatedAt, a.SubmittedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<MaterialView>> MaterialsAsync(string applicationId, Actor actor, CancellationToken cancellationToken = default) =>
        (await GetAsync(applicationId, actor, cancellationToken)).Materials;

    /// <summary>One material's file, to download.</summary>
    public async Task<MaterialFile> OpenMaterialAsync(string applicationId, string materialCode, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = factory.CreateDbContext();
        var application = await OwnAsync(db, applicationId, actor, cancellationToken);
        // The latest version: a file uploaded for an open correction before the one handed in.
        var material = await db.ApplicationMaterials.AsNoTracking()
            .Where(m => m.ApplicationId == application.Id && m.MaterialCode == materialCode && m.SupersededAt == null)
            .OrderByDescending(m => m.Version).FirstOrDefaultAsync(cancellationToken)
            ?? throw new CasesException("unknown-material", $"application {application.Id} has no file for material '{materialCode}'");
        return new MaterialFile(blobs.OpenRead(material.Sha256), material.ContentType, material.FileName, material.Sha256);
    }

    /// <summary>The application if it is the caller's; otherwise <c>unknown-application</c>.</summary>
    internal static async Task<Application> OwnAsync(CasesDbContext db, string applicationId, Actor actor, CancellationToken ct)
    {
        var me = actor.Id;
        return await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId && a.Applicant == me, ct)
            ?? throw Unknown(applicationId);
    }

    internal static CasesException Unknown(string applicationId) => new("unknown-application", $"no application {applicationId}");
}

/// <summary>Filters of the applicant's list; all optional.</summary>
public sealed record ApplicationQuery
{
    public ApplicationStatus? Status { get; init; }
    /// <summary>The cursor of the previous page's last row.</summary>
    public string? After { get; init; }
    public int Limit { get; init; } = 50;
}

/// <summary>One page of applications and the cursor of the next (null on the last page).</summary>
public sealed record ApplicationPage(IReadOnlyList<ApplicationSummary> Applications, string? NextCursor);
