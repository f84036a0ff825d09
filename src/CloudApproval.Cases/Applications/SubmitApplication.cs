using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Applicants;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Matters;
using CloudApproval.Cases.Signing;
using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Applications;

/// <summary>
/// Submits a draft: checks the materials (容缺 and 告知承诺 taken into account) and the applicant's right to a commitment,
/// then starts a case of the matter's procedure in the matter's department and marks the application submitted with its
/// receipt, all in the case start's one transaction: there is never a case without a submitted application or the
/// reverse, and two submits of one draft start one case.
/// </summary>
public sealed class SubmitApplication(CaseRuntime runtime, MatterCatalog catalog, ISecretProtector protector, WorkingCalendar calendar, TimeProvider time)
{
    public async Task<Submission> RunAsync(string applicationId, bool commitment, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("submit an application", ActorRoles.Applicant);
        return await runtime.InTransactionAsync(actor, async (db, transition, ct) =>
        {
            var me = actor.Id;
            var application = await db.Applications.SingleOrDefaultAsync(a => a.Id == applicationId && a.Applicant == me, ct)
                ?? throw ApplicationReader.Unknown(applicationId);
            if (application.Status != ApplicationStatus.Draft) throw ApplicationDrafts.Submitted(application.Id);
            var matter = await catalog.GetAsync(application.MatterCode, ct);
            // Checked again: the matter's form may have changed since the draft was saved.
            var particulars = ApplicationParticulars.Check(matter, JsonNode.Parse(application.DataJson) as JsonObject);
            if (commitment) await RequireCommitmentAllowedAsync(db, matter, me, ct);
            var materials = await db.ApplicationMaterials.AsNoTracking().Where(m => m.ApplicationId == application.Id)
                .OrderBy(m => m.MaterialCode).ToListAsync(ct);
            var licences = await db.ApplicationLicences.AsNoTracking().Where(l => l.ApplicationId == application.Id)
                .OrderBy(l => l.MaterialCode).ToListAsync(ct);
            // Checked again now: a licence valid when attached may have been revoked or have expired since.
            var today = ChinaTime.DateOf(time.GetUtcNow());
            foreach (var licence in licences)
                await ApplicationLicences.RequireUsableAsync(db, me,
                    matter.Materials.FirstOrDefault(m => m.Code == licence.MaterialCode)
                        ?? throw new CasesException("unknown-material", $"matter {matter.Code} no longer has material '{licence.MaterialCode}' that e-licence {licence.LicenceNumber} was given for"),
                    licence.LicenceNumber, today, ct);
            if (application.RenewsLicence is { } renews)
                await RenewalRules.RequireRenewableAsync(db, me, matter.Code, renews, application.Id, today, ct);
            var present = materials.Select(m => m.MaterialCode).Concat(licences.Select(l => l.MaterialCode)).ToHashSet(StringComparer.Ordinal);
            var check = SubmitRules.Check(matter, present, commitment);
            if (check.Missing.Count > 0)
                throw new CasesException("materials-missing", $"application {application.Id} lacks required materials: "
                    + string.Join("; ", check.Missing.Select(m => $"{m.Code} ({m.Name.Zh})"))
                    + (commitment ? "" : matter.Commitment.Offered ? " (some may be replaced by a commitment, 告知承诺)" : ""));

            var received = materials.Select(m => new ReceivedMaterial(m.MaterialCode, m.FileName, m.Size, m.Sha256)).ToList();
            var input = new JsonObject
            {
                ["department"] = matter.Department,
                // The applicant's data lives under application, never beside department: a form field cannot set a
                // procedure variable (acceptedOnArrival, route ...) that only the procedure may set.
                ["application"] = new JsonObject
                {
                    ["id"] = application.Id,
                    ["matter"] = matter.Code,
                    ["commitment"] = commitment,
                    ["data"] = particulars.DeepClone(),
                    ["materials"] = new JsonArray(received.Select(m => (JsonNode)new JsonObject
                    {
                        ["code"] = m.Code,
                        ["fileName"] = m.FileName,
                        ["size"] = m.Size,
                        ["sha256"] = m.Sha256,
                    }).ToArray()),
                    // 材料免提交: the e-licences given instead of files, for the clerk to look up.
                    ["eLicences"] = new JsonArray(licences.Select(l => (JsonNode)new JsonObject
                    {
                        ["code"] = l.MaterialCode,
                        ["licenceType"] = l.LicenceType,
                        ["licenceNumber"] = l.LicenceNumber,
                        ["validUntil"] = l.ValidUntil.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    }).ToArray()),
                    ["deferredMaterials"] = new JsonArray(check.Deferred.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
                    ["waivedByCommitment"] = new JsonArray(check.WaivedByCommitment.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
                },
            };
            // The matter's settings of its procedure (declared variables, checked at import; never department or application).
            foreach (var (key, value) in matter.Procedure.Inputs ?? []) input[key] = value?.DeepClone();
            // A renewal names the licence, which the IssueLicence step then renews rather than issuing beside it.
            if (application.RenewsLicence is { } renewed) ((JsonObject)input["application"]!)["renews"] = renewed;
            var version = await ProcedureCatalog.VersionForNewCaseAsync(db, matter.Procedure.DefinitionId, matter.Procedure.Version, ct);
            var c = await transition.StartAsync(matter.Procedure.DefinitionId, version, input, me, null, ct);
            c.MatterCode = matter.Code;

            var receipt = new Receipt(application.Id, matter.Code, matter.Name.Zh, matter.Department, c.Id, commitment, received,
                check.Deferred, check.WaivedByCommitment, c.CreatedAt, ApplicationParticulars.Labelled(matter, particulars));
            application.DataJson = particulars.ToJsonString();
            application.Status = ApplicationStatus.Submitted;
            application.Commitment = commitment;
            application.CaseId = c.Id;
            application.SubmittedAt = c.CreatedAt;
            application.UpdatedAt = c.CreatedAt;
            application.ReceiptJson = JsonSerializer.Serialize(receipt, Receipt.Json);
            application.Revision = 1;
            application.DeferredJson = JsonSerializer.Serialize(check.Deferred);
            application.RowVersion++;
            await SignAsync(db, application, matter, materials, licences, check, c.CreatedAt, ct);
            IssueReceipt(db, transition, receipt);
            return new Submission(transition.Outcome(c), receipt);
        }, cancellationToken);
    }

    /// <summary>
    /// 收件回执 as an official document: a notice of the new case, rendered from the <c>receipt</c> template and sealed by
    /// the department after commit like every notice, so the applicant holds a sealed record of the files received.
    /// </summary>
    private static void IssueReceipt(Persistence.CasesDbContext db, Transition transition, Receipt receipt)
    {
        var data = new JsonObject
        {
            ["applicationId"] = receipt.ApplicationId,
            ["caseId"] = receipt.CaseId,
            ["matterName"] = receipt.MatterName,
            ["commitment"] = receipt.Commitment,
            ["submittedAt"] = receipt.ReceivedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["materials"] = new JsonArray([.. receipt.Received.Select(m => (JsonNode)new JsonObject
            {
                ["code"] = m.Code, ["fileName"] = m.FileName, ["size"] = m.Size, ["sha256"] = m.Sha256,
            })]),
            ["deferred"] = new JsonArray([.. receipt.Deferred.Select(d => (JsonNode)JsonValue.Create(d))]),
            ["waivedByCommitment"] = new JsonArray([.. receipt.WaivedByCommitment.Select(d => (JsonNode)JsonValue.Create(d))]),
        };
        var notice = new Notice
        {
            CaseId = receipt.CaseId,
            ActivityId = ReceiptActivity,
            NoticeType = "receipt",
            Template = "receipt",
            Recipient = "applicant",
            DataJson = data.ToJsonString(),
            CreatedAt = receipt.ReceivedAt,
        };
        db.Notices.Add(notice);
        transition.NewNotices.Add(notice);
    }

    /// <summary>The activity id the receipt's notice carries: it comes from the submission, not from the procedure.</summary>
    public const string ReceiptActivity = "application";

    /// <summary>
    /// The applicant's e-signatures, saved with the submission: the application, and the commitment letter (告知承诺书) or
    /// the deficiency undertaking (容缺承诺) when the submission makes one.
    /// </summary>
    private async Task SignAsync(Persistence.CasesDbContext db, Application application, Matter matter, List<ApplicationMaterial> materials,
        List<ApplicationLicence> licences, MaterialCheck check, DateTime at, CancellationToken ct)
    {
        var key = await ApplicationSigning.KeyAsync(db, application, protector, at, ct);
        ApplicationSigning.Sign(db, application, StatementKinds.Application,
            CanonicalStatements.Application(application, materials, licences, check.Deferred), key, at);
        if (application.Commitment)
            ApplicationSigning.Sign(db, application, StatementKinds.CommitmentLetter,
                CanonicalStatements.CommitmentLetter(application, matter, check.WaivedByCommitment, at), key, at);
        if (check.Deferred.Count > 0)
        {
            // No later than the promised limit, counted here from submission (acceptance can only come later).
            var by = calendar.AddWorkingDays(ChinaTime.DateOf(new DateTimeOffset(at, TimeSpan.Zero)), matter.PromisedLimitWorkingDays).Value;
            ApplicationSigning.Sign(db, application, StatementKinds.DeficiencyUndertaking,
                CanonicalStatements.DeficiencyUndertaking(application, matter, check.Deferred, by, at), key, at);
        }
    }

    private static async Task RequireCommitmentAllowedAsync(Persistence.CasesDbContext db, Matter matter, string applicant, CancellationToken ct)
    {
        var eligibility = await CommitmentPreview.EligibilityAsync(db, matter, applicant, ct);
        if (eligibility.IsAllowed) return;
        throw eligibility.Code == CommitmentPreview.ProfileRequired
            ? new CasesException(CommitmentPreview.ProfileRequired, eligibility.Reason!)
            : new CasesException("commitment-refused", $"{eligibility.Reason} [{eligibility.Code}]");
    }
}
