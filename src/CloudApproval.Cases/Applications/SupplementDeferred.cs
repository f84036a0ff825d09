using System.Text.Json.Nodes;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Signing;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Applications;

/// <summary>
/// The applicant supplements the materials deferred under 容缺 (accepted without them on a signed undertaking): the files
/// uploaded for them become current, the application is re-signed with nothing deferred, and the case gets
/// <c>materials-supplemented</c>, which the deficiency procedure waits for, all in one transaction. The supplement is
/// handed in whole, as the undertaking promised it; a case no longer waiting for it refuses it and nothing changes.
/// </summary>
public sealed class SupplementDeferred(CaseRuntime runtime, ISecretProtector protector)
{
    public const string EventName = "materials-supplemented";

    public async Task<Supplement> RunAsync(string applicationId, IReadOnlyList<string>? materials, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("supplement deferred materials", ActorRoles.Applicant);
        if (materials is null || materials.Count == 0 || materials.Any(string.IsNullOrWhiteSpace))
            throw new CasesException("invalid-input", "materials: list the codes of the deferred materials supplied (every one deferred)");
        return await runtime.InTransactionAsync(actor, async (db, transition, ct) =>
        {
            var me = actor.Id;
            var application = await db.Applications.SingleOrDefaultAsync(a => a.Id == applicationId && a.Applicant == me, ct)
                ?? throw ApplicationReader.Unknown(applicationId);
            var deferred = MaterialHandIn.Deferred(application);
            if (application.Status != ApplicationStatus.Submitted || application.CaseId is null || deferred.Count == 0)
                throw new CasesException("nothing-deferred", $"application {application.Id} has no deferred materials to supplement");
            var notDeferred = materials.Where(m => !deferred.Contains(m)).Distinct().ToList();
            if (notDeferred.Count > 0)
                throw new CasesException("material-not-deferred",
                    $"materials: {string.Join(", ", notDeferred.Select(m => $"'{m}'"))} {(notDeferred.Count == 1 ? "was" : "were")} not deferred; the deferred materials are {string.Join(", ", deferred)}");
            var missing = deferred.Where(m => !materials.Contains(m)).ToList();
            if (missing.Count > 0)
                throw new CasesException("supplement-incomplete", $"materials: the undertaking supplements every deferred material at once; also supply {string.Join(", ", missing)}");

            var handedIn = await MaterialHandIn.RunAsync(db, transition, runtime, protector, application, deferred, "to supplement it",
                EventName, new JsonObject { ["supplemented"] = new JsonArray([.. deferred.Select(c => (JsonNode)JsonValue.Create(c))]) }, actor, ct);
            return new Supplement(application.Id, handedIn.Outcome.CaseId, application.Revision, handedIn.Materials, handedIn.Signature, handedIn.Outcome.Faulted);
        }, cancellationToken);
    }
}

/// <summary>A supplement handed in: the new revision, the materials, its signature; whether the case faulted on it.</summary>
public sealed record Supplement(string ApplicationId, string CaseId, int Revision, IReadOnlyList<MaterialView> Materials, string Signature, bool CaseFaulted);
