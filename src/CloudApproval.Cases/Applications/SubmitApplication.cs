using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Applicants;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Matters;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Applications;

/// <summary>
/// Submits a draft: checks the materials (容缺 and 告知承诺 taken into account) and the applicant's right to a commitment,
/// then starts a case of the matter's procedure in the matter's department and marks the application submitted with its
/// receipt, all in the case start's one transaction: there is never a case without a submitted application or the
/// reverse, and two submits of one draft start one case.
/// </summary>
public sealed class SubmitApplication(CaseRuntime runtime, MatterCatalog catalog)
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
            if (commitment) await RequireCommitmentAllowedAsync(db, matter, me, ct);
            var materials = await db.ApplicationMaterials.AsNoTracking().Where(m => m.ApplicationId == application.Id)
                .OrderBy(m => m.MaterialCode).ToListAsync(ct);
            var check = SubmitRules.Check(matter, materials.Select(m => m.MaterialCode).ToHashSet(StringComparer.Ordinal), commitment);
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
                    ["data"] = JsonNode.Parse(application.DataJson),
                    ["materials"] = new JsonArray(received.Select(m => (JsonNode)new JsonObject
                    {
                        ["code"] = m.Code,
                        ["fileName"] = m.FileName,
                        ["size"] = m.Size,
                        ["sha256"] = m.Sha256,
                    }).ToArray()),
                    ["deferredMaterials"] = new JsonArray(check.Deferred.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
                    ["waivedByCommitment"] = new JsonArray(check.WaivedByCommitment.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
                },
            };
            var version = await ProcedureCatalog.VersionForNewCaseAsync(db, matter.Procedure.DefinitionId, matter.Procedure.Version, ct);
            var c = await transition.StartAsync(matter.Procedure.DefinitionId, version, input, me, null, ct);

            var receipt = new Receipt(application.Id, matter.Code, matter.Name.Zh, matter.Department, c.Id, commitment, received,
                check.Deferred, check.WaivedByCommitment, c.CreatedAt);
            application.Status = ApplicationStatus.Submitted;
            application.Commitment = commitment;
            application.CaseId = c.Id;
            application.SubmittedAt = c.CreatedAt;
            application.UpdatedAt = c.CreatedAt;
            application.ReceiptJson = JsonSerializer.Serialize(receipt, Receipt.Json);
            application.RowVersion++;
            return new Submission(transition.Outcome(c), receipt);
        }, cancellationToken);
    }

    private static async Task RequireCommitmentAllowedAsync(Persistence.CasesDbContext db, Matter matter, string applicant, CancellationToken ct)
    {
        var profile = await db.ApplicantProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserName == applicant, ct)
            ?? throw new CasesException("profile-required", $"{applicant} has no applicant profile: a commitment (告知承诺) is signed as a verified applicant, so save the profile first");
        var eligibility = ApplicantEligibility.ForCommitment(ApplicantProfileView.Of(profile), matter);
        if (!eligibility.IsAllowed) throw new CasesException("commitment-refused", $"{eligibility.Reason} [{eligibility.Code}]");
    }
}
