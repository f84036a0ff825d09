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

    public async Task<ApplicationView> GetAsync(string applicationId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = factory.CreateDbContext();
        var application = await OwnAsync(db, applicationId, actor, cancellationToken);
        var materials = await db.ApplicationMaterials.AsNoTracking().Where(m => m.ApplicationId == application.Id).ToListAsync(cancellationToken);
        return ApplicationView.Of(application, materials);
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
        var material = await db.ApplicationMaterials.AsNoTracking()
            .SingleOrDefaultAsync(m => m.ApplicationId == application.Id && m.MaterialCode == materialCode, cancellationToken)
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
