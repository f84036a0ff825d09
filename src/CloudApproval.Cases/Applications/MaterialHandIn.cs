using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Signing;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Applications;

/// <summary>
/// Hands in materials uploaded after submission (a correction's answer, a 容缺 supplement): each uploaded file becomes the
/// material's current version (the old one kept, superseded) and stands where an e-licence stood; the materials are no
/// longer deferred; the application is re-signed as its next revision; and the case gets the event the procedure waits
/// for, with the files' hashes, in the caller's transaction.
/// </summary>
internal static class MaterialHandIn
{
    public static async Task<HandedIn> RunAsync(CasesDbContext db, Transition transition, CaseRuntime runtime, ISecretProtector protector,
        Application application, IReadOnlyList<string> codes, string forWhat, string eventName, JsonObject payload, Actor actor, CancellationToken ct)
    {
        var now = transition.Now.UtcDateTime;
        var rows = await db.ApplicationMaterials.Where(m => m.ApplicationId == application.Id).ToListAsync(ct);
        foreach (var code in codes)
        {
            var uploaded = rows.SingleOrDefault(m => m.MaterialCode == code && m.Pending)
                ?? throw new CasesException("correction-file-missing", $"materials: no new file of {code} was uploaded {forWhat}: upload it first");
            foreach (var old in rows.Where(m => m.MaterialCode == code && !m.Pending && m.SupersededAt == null)) old.SupersededAt = now;
            uploaded.Pending = false;
        }
        await db.ApplicationLicences.Where(l => l.ApplicationId == application.Id && codes.Contains(l.MaterialCode)).ExecuteDeleteAsync(ct);
        var licences = await db.ApplicationLicences.AsNoTracking().Where(l => l.ApplicationId == application.Id && !codes.Contains(l.MaterialCode)).ToListAsync(ct);
        var deferred = Deferred(application).Where(c => !codes.Contains(c)).ToList();
        application.Revision++;
        application.DeferredJson = JsonSerializer.Serialize(deferred);
        application.UpdatedAt = now;
        application.RowVersion++;

        var current = rows.Where(m => !m.Pending && m.SupersededAt == null).ToList();
        var key = await ApplicationSigning.KeyAsync(db, application, protector, now, ct);
        var signature = ApplicationSigning.Sign(db, application, StatementKinds.Application,
            CanonicalStatements.Application(application, current, licences, deferred), key, now);

        var sent = current.Where(m => codes.Contains(m.MaterialCode)).OrderBy(m => m.MaterialCode, StringComparer.Ordinal).ToList();
        payload["applicationRevision"] = application.Revision;
        payload["materials"] = new JsonArray([.. sent.Select(m => (JsonNode)new JsonObject
        {
            ["code"] = m.MaterialCode,
            ["version"] = m.Version,
            ["fileName"] = m.FileName,
            ["size"] = m.Size,
            ["sha256"] = m.Sha256,
        })]);
        var outcome = await runtime.SendEventInAsync(db, transition, application.CaseId!, eventName, payload, actor, ct);
        return new HandedIn(outcome, [.. sent.Select(MaterialView.Of)], signature.Signature);
    }

    /// <summary>The materials deferred (容缺) as of the application's current revision.</summary>
    public static List<string> Deferred(Application application) =>
        JsonSerializer.Deserialize<List<string>>(application.DeferredJson ?? "[]") ?? [];
}

/// <summary>What a hand-in did: the case's outcome, the materials handed in, the new revision's signature.</summary>
internal sealed record HandedIn(CaseOutcome Outcome, IReadOnlyList<MaterialView> Materials, string Signature);
