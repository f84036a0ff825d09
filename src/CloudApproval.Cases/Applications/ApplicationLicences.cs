using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Matters;
using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Applications;

/// <summary>
/// 材料免提交: a material the matter declares satisfied by an e-licence of some type is given by naming a licence the
/// applicant holds instead of uploading a file. Only a licence of that type, issued on one of the applicant's own cases,
/// not revoked and not expired, is accepted; it replaces any file uploaded for that material.
/// </summary>
public sealed class ApplicationLicences(CasesDbFactory factory, MatterCatalog catalog, TimeProvider time)
{
    public async Task<ELicenceMaterialView> AttachAsync(string applicationId, string materialCode, string licenceNumber, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("give a material by an e-licence", ActorRoles.Applicant);
        if (string.IsNullOrWhiteSpace(licenceNumber) || licenceNumber.Length > 128)
            throw new CasesException("invalid-input", "number: the e-licence number is required (at most 128 characters)");
        await using var db = factory.CreateDbContext();
        var application = await db.Applications.SingleOrDefaultAsync(a => a.Id == applicationId && a.Applicant == actor.Id, cancellationToken)
            ?? throw ApplicationReader.Unknown(applicationId);
        if (application.Status != ApplicationStatus.Draft) throw ApplicationDrafts.Submitted(application.Id);
        var matter = await catalog.GetAsync(application.MatterCode, cancellationToken);
        var material = matter.Materials.FirstOrDefault(m => m.Code == materialCode)
            ?? throw new CasesException("unknown-material", $"matter {matter.Code} has no material '{materialCode}'; it lists {string.Join(", ", matter.Materials.Select(m => m.Code))}");
        var now = time.GetUtcNow();
        var licence = await RequireUsableAsync(db, application.Applicant, material, licenceNumber.Trim(), ChinaTime.DateOf(now), cancellationToken);

        await db.ApplicationMaterials.Where(m => m.ApplicationId == application.Id && m.MaterialCode == material.Code).ExecuteDeleteAsync(cancellationToken);
        var row = await db.ApplicationLicences.SingleOrDefaultAsync(l => l.ApplicationId == application.Id && l.MaterialCode == material.Code, cancellationToken);
        if (row is null)
        {
            row = new ApplicationLicence
            {
                ApplicationId = application.Id, MaterialCode = material.Code, LicenceNumber = licence.Number, LicenceType = licence.LicenceType,
                IssuedByCase = licence.CaseId, ValidUntil = licence.ValidUntil, AttachedAt = now.UtcDateTime,
            };
            db.ApplicationLicences.Add(row);
        }
        else
        {
            row.LicenceNumber = licence.Number;
            row.LicenceType = licence.LicenceType;
            row.IssuedByCase = licence.CaseId;
            row.ValidUntil = licence.ValidUntil;
            row.AttachedAt = now.UtcDateTime;
        }
        application.UpdatedAt = now.UtcDateTime;
        application.RowVersion++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (WriteConflicts.IsLostRace(ex))
        {
            throw new CasesException("concurrent-change", $"application {application.Id} changed while the e-licence was attached: read it and try again");
        }
        return ELicenceMaterialView.Of(row);
    }

    /// <summary>The licence of that number issued on one of the applicant's own cases; null for any other number.</summary>
    internal static Task<Licence?> OwnAsync(CasesDbContext db, string applicant, string number, CancellationToken ct) =>
        db.Licences.AsNoTracking()
            .Where(l => l.Number == number && db.Cases.Any(c => c.Id == l.CaseId && c.Applicant == applicant))
            .SingleOrDefaultAsync(ct);

    /// <summary>
    /// The licence if the applicant may give it for the material; otherwise a refusal saying why (another's, another
    /// type, revoked, expired). Unknown numbers and other applicants' licences are refused alike, so numbers do not leak.
    /// </summary>
    internal static async Task<Licence> RequireUsableAsync(CasesDbContext db, string applicant, MatterMaterial material, string number, DateOnly today, CancellationToken ct)
    {
        if (material.SatisfiedByELicence is not { } type)
            throw new CasesException("licence-not-accepted", $"material {material.Code} ({material.Name.Zh}) cannot be given by an e-licence: upload the file");
        var licence = await OwnAsync(db, applicant, number, ct)
            ?? throw new CasesException("licence-not-yours", $"e-licence {number}: no licence of yours has that number");
        if (licence.LicenceType != type)
            throw new CasesException("licence-wrong-type", $"e-licence {number} is a {licence.LicenceType}; material {material.Code} needs a {type}");
        if (licence.Status == LicenceStatus.Revoked)
            throw new CasesException("licence-revoked", $"e-licence {number} was revoked{(licence.RevokedAt is { } at ? " on " + CanonicalStatements.Time(at)[..10] : "")}: it cannot stand for material {material.Code}");
        // An extension by notice or a deemed renewal keeps it standing past the validity it was issued with.
        if (licence.Status == LicenceStatus.Expired || licence.EffectiveUntil < today)
            throw new CasesException("licence-expired", $"e-licence {number} expired on {licence.EffectiveUntil:yyyy-MM-dd}: it cannot stand for material {material.Code}");
        return licence;
    }
}

/// <summary>A material given by an e-licence.</summary>
public sealed record ELicenceMaterialView(string Code, string LicenceNumber, string LicenceType, DateOnly ValidUntil, DateTime AttachedAt)
{
    internal static ELicenceMaterialView Of(ApplicationLicence l) => new(l.MaterialCode, l.LicenceNumber, l.LicenceType, l.ValidUntil, l.AttachedAt);
}
