using System.Text.Json.Nodes;
using CloudApproval.Cases.Blobs;
using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Matters;
using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Applications;

/// <summary>
/// The applicant's drafts: open one for a matter, attach materials. Every refusal names the file or field and leaves
/// nothing behind (no row, no stored file).
/// </summary>
public sealed class ApplicationDrafts(CasesDbFactory factory, MatterCatalog catalog, IBlobStore blobs, CasesSettings settings, TimeProvider time)
{
    private const int MaxFileNameLength = 200;
    private const long MiB = 1024 * 1024;

    /// <summary>
    /// Opens a draft for a catalogued matter with the applicant's form data; <paramref name="renews"/> names the licence
    /// of the matter the applicant holds and asks to renew (art. 50), checked now and again at submission.
    /// </summary>
    public async Task<ApplicationView> CreateAsync(string matterCode, JsonObject? data, Actor actor, string? renews = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("apply for a matter", ActorRoles.Applicant);
        Identity.Require(matterCode, "matter");
        var matter = await catalog.GetAsync(matterCode, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var application = new Application
        {
            Id = "AP-" + Guid.NewGuid().ToString("N"),
            Applicant = actor.Id,
            MatterCode = matter.Code,
            DataJson = ApplicationParticulars.Check(matter, data).ToJsonString(),
            Status = ApplicationStatus.Draft,
            CreatedAt = now,
            UpdatedAt = now,
            RenewsLicence = renews,
        };
        await using var db = factory.CreateDbContext();
        if (renews is not null)
            await RenewalRules.RequireRenewableAsync(db, actor.Id, matter.Code, renews, null, ChinaTime.DateOf(time.GetUtcNow()), cancellationToken);
        db.Applications.Add(application);
        await db.SaveChangesAsync(cancellationToken);
        return ApplicationView.Of(application, []);
    }

    /// <summary>
    /// Replaces the particulars of a draft, checked against the matter's form as when it was opened; a submitted application
    /// never changes (<c>application-submitted</c>).
    /// </summary>
    public async Task<ApplicationView> UpdateParticularsAsync(string applicationId, JsonObject? data, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("change an application's particulars", ActorRoles.Applicant);
        await using var db = factory.CreateDbContext();
        var me = actor.Id;
        var draft = await db.Applications.SingleOrDefaultAsync(a => a.Id == applicationId && a.Applicant == me, cancellationToken)
            ?? throw ApplicationReader.Unknown(applicationId);
        if (draft.Status != ApplicationStatus.Draft) throw Submitted(draft.Id);
        var matter = await catalog.GetAsync(draft.MatterCode, cancellationToken);
        draft.DataJson = ApplicationParticulars.Check(matter, data).ToJsonString();
        draft.UpdatedAt = time.GetUtcNow().UtcDateTime;
        draft.RowVersion++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (WriteConflicts.IsLostRace(ex))
        {
            throw new CasesException("concurrent-change", $"application {draft.Id} changed while its particulars were saved (submitted, or an upload): read it and try again");
        }
        var materials = await db.ApplicationMaterials.AsNoTracking().Where(m => m.ApplicationId == draft.Id).ToListAsync(cancellationToken);
        var licences = await db.ApplicationLicences.AsNoTracking().Where(l => l.ApplicationId == draft.Id).ToListAsync(cancellationToken);
        return ApplicationView.Of(draft, materials, licences);
    }

    /// <summary>
    /// Stores one file as the material <paramref name="materialCode"/> of a draft, replacing any earlier one. Its type is
    /// recognised from its first bytes and must be the one its name claims and one the material accepts; its size is
    /// limited by the material and by the application's total.
    /// </summary>
    public async Task<MaterialView> UploadAsync(string applicationId, string materialCode, string fileName, Stream content, Actor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("upload materials", ActorRoles.Applicant);
        var (application, material) = await DraftMaterialAsync(applicationId, materialCode, actor, cancellationToken);
        var name = CheckFileName(fileName);
        var type = FileTypes.OfName(name);
        if (type is null || !material.FileTypes.Contains(type))
            throw new CasesException("file-type-not-accepted",
                $"{name}: material {material.Code} accepts {string.Join(", ", material.FileTypes)} files, not {(type is null ? "a file without an extension" : "." + type)}");

        var head = new byte[FileTypes.HeadLength];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (read == 0) throw new CasesException("file-empty", $"{name} is empty");
        if (!FileTypes.Matches(type, head.AsSpan(0, read)))
            throw new CasesException("file-content-mismatch",
                $"{name}: named .{type} but its content is {FileTypes.Describe(head.AsSpan(0, read))}, not {type} (which starts with {FileTypes.Signature(type)})");

        var perFile = material.MaxSizeMb * MiB;
        var total = settings.MaxApplicationMegabytes * MiB;
        var others = await OtherMaterialsSizeAsync(application.Id, material.Code, cancellationToken);
        StoredBlob blob;
        try
        {
            blob = await blobs.PutAsync(new HeadStream(head.AsMemory(0, read), content), Math.Min(perFile, total - others), cancellationToken);
        }
        catch (BlobTooLargeException)
        {
            throw TooLarge(name, material, perFile, total, others);
        }

        await using var db = factory.CreateDbContext();
        var draft = await db.Applications.SingleAsync(a => a.Id == application.Id, cancellationToken);
        var correcting = draft.Status != ApplicationStatus.Draft;
        // Checked again in this transaction: the correction may have been answered meanwhile.
        if (correcting) await RequireAwaitedAsync(db, draft, material.Code, cancellationToken);
        var rows = await db.ApplicationMaterials.Where(m => m.ApplicationId == draft.Id).ToListAsync(cancellationToken);
        // Checked again with this transaction's rows: two uploads racing each other cannot both fit under the total.
        var othersNow = rows.Where(m => m.MaterialCode != material.Code && m.SupersededAt == null).Sum(m => m.Size);
        if (othersNow + blob.Size > total) throw TooLarge(name, material, perFile, total, othersNow);
        var now = time.GetUtcNow().UtcDateTime;
        var ofCode = rows.Where(m => m.MaterialCode == material.Code).ToList();
        if (correcting)
        {
            // A new version beside the one handed in, which is kept; an earlier upload for the same correction is replaced.
            db.ApplicationMaterials.RemoveRange(ofCode.Where(m => m.Pending));
        }
        else
        {
            db.ApplicationMaterials.RemoveRange(ofCode);
            await db.ApplicationLicences.Where(l => l.ApplicationId == draft.Id && l.MaterialCode == material.Code).ExecuteDeleteAsync(cancellationToken);
        }
        var row = new ApplicationMaterial
        {
            ApplicationId = draft.Id,
            MaterialCode = material.Code,
            FileName = name,
            FileType = type,
            ContentType = FileTypes.ContentType(type),
            Size = blob.Size,
            Sha256 = blob.Sha256,
            UploadedAt = now,
            Version = correcting ? ofCode.Where(m => !m.Pending).Select(m => m.Version).DefaultIfEmpty(0).Max() + 1 : 1,
            Pending = correcting,
        };
        db.ApplicationMaterials.Add(row);
        draft.UpdatedAt = now;
        draft.RowVersion++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (WriteConflicts.IsLostRace(ex))
        {
            throw new CasesException("concurrent-change", $"application {draft.Id} changed while {name} was uploaded (submitted, or another upload): read it and try again");
        }
        return MaterialView.Of(row);
    }

    /// <summary>
    /// The largest file the material takes, in bytes (its matter's limit), once the draft and the material are known to be
    /// the caller's: the host sizes the request body by it before reading a byte.
    /// </summary>
    public async Task<long> UploadLimitAsync(string applicationId, string materialCode, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("upload materials", ActorRoles.Applicant);
        var (_, material) = await DraftMaterialAsync(applicationId, materialCode, actor, cancellationToken);
        return material.MaxSizeMb * MiB;
    }

    /// <summary>The caller's draft and the matter's material; unknown when either is not there (or not the caller's).</summary>
    private async Task<(Application, MatterMaterial)> DraftMaterialAsync(string applicationId, string materialCode, Actor actor, CancellationToken ct)
    {
        await using var db = factory.CreateDbContext();
        var application = await ApplicationReader.OwnAsync(db, applicationId, actor, ct);
        var matter = await catalog.GetAsync(application.MatterCode, ct);
        var material = matter.Materials.FirstOrDefault(m => m.Code == materialCode)
            ?? throw new CasesException("unknown-material", $"matter {matter.Code} has no material '{materialCode}'; it lists {string.Join(", ", matter.Materials.Select(m => m.Code))}");
        // A submitted application takes files only for a material it deferred (容缺) or an open correction request names.
        if (application.Status != ApplicationStatus.Draft) await RequireAwaitedAsync(db, application, material.Code, ct);
        return (application, material);
    }

    /// <summary>
    /// Whether a submitted application awaits a file of the material: deferred (容缺) and still to be supplemented, or
    /// asked for by its open correction request; refused otherwise.
    /// </summary>
    private async Task RequireAwaitedAsync(CasesDbContext db, Application application, string materialCode, CancellationToken ct)
    {
        if (MaterialHandIn.Deferred(application).Contains(materialCode)) return;
        var open = await CorrectionRules.OpenRequestAsync(db, application.Id, time.GetUtcNow().UtcDateTime, ct) ?? throw Submitted(application.Id);
        if (!CorrectionRules.Items(open).Any(i => i.Material == materialCode))
            throw new CasesException("material-not-requested",
                $"{materialCode}: correction request {open.Id} of application {application.Id} does not ask for it; it asks for {string.Join(", ", CorrectionRules.Items(open).Select(i => i.Material))}");
    }

    /// <summary>
    /// Withdraws (deletes) a draft with its materials and e-licence references; the stored files stay (content-addressed,
    /// they may be shared). A submitted application is never withdrawn here: it is a case now.
    /// </summary>
    public async Task WithdrawAsync(string applicationId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("withdraw a draft", ActorRoles.Applicant);
        await using var db = factory.CreateDbContext();
        var me = actor.Id;
        var application = await db.Applications.SingleOrDefaultAsync(a => a.Id == applicationId && a.Applicant == me, cancellationToken)
            ?? throw ApplicationReader.Unknown(applicationId);
        if (application.Status != ApplicationStatus.Draft) throw Submitted(application.Id);
        db.Applications.Remove(application);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (WriteConflicts.IsLostRace(ex))
        {
            throw new CasesException("concurrent-change", $"application {application.Id} changed while it was withdrawn (submitted, or an upload): read it and try again");
        }
    }

    private async Task<long> OtherMaterialsSizeAsync(string applicationId, string materialCode, CancellationToken ct)
    {
        await using var db = factory.CreateDbContext();
        // Summed client-side: SQLite cannot SUM a long column through EF as exactly as it is stored.
        var sizes = await db.ApplicationMaterials.Where(m => m.ApplicationId == applicationId && m.MaterialCode != materialCode && m.SupersededAt == null)
            .Select(m => m.Size).ToListAsync(ct);
        return sizes.Sum();
    }

    private static string CheckFileName(string fileName)
    {
        // Browsers of old sent the whole client path; only the name is kept, and it never names a path here.
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/')).Trim();
        if (name.Length == 0) throw new CasesException("invalid-file-name", "the file has no name (the form part needs a filename)");
        if (name.Length > MaxFileNameLength || name.Any(char.IsControl))
            throw new CasesException("invalid-file-name", $"the file name must be at most {MaxFileNameLength} printable characters");
        return name;
    }

    private static CasesException TooLarge(string name, MatterMaterial material, long perFile, long total, long others) =>
        total - others < perFile
            ? new CasesException("application-too-large",
                $"{name}: an application's materials may total at most {total / MiB} MB, and {others / MiB} MB are stored already")
            : new CasesException("file-too-large", $"{name} is larger than {perFile / MiB} MB, the limit for material {material.Code}");

    internal static CasesException Submitted(string id) =>
        new("application-submitted", $"application {id} is submitted and can no longer change");
}
