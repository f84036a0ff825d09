using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Access;
using CloudApproval.Cases.Applicants;
using CloudApproval.Cases.Blobs;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Signing;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Applications;

/// <summary>
/// Checks a case's application against what its applicant signed (Electronic Signature Law art. 13: any later change
/// to the content is detectable): each signature over its stored text with the applicant's recorded key; the latest
/// revision's text re-derived from the stored application, materials and e-licences; every signed file re-read from the
/// store and hashed again. Names each thing that fails: a changed field, a changed material byte, a bad signature.
/// </summary>
public sealed class VerifyApplication(CasesDbFactory factory, IBlobStore blobs)
{
    public async Task<SignatureReport> RunAsync(string caseId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = factory.CreateDbContext();
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == caseId, cancellationToken) ?? throw CaseAccess.UnknownCase(caseId);
        await CaseAccess.RequireReadableAsync(db, c, actor, cancellationToken);
        var root = c.RootCaseId;
        var application = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.CaseId == root, cancellationToken)
            ?? throw new CasesException("unknown-application", $"case {caseId} was not applied for online: it has no signed application");
        var signatures = await db.ApplicationSignatures.AsNoTracking().Where(s => s.ApplicationId == application.Id)
            .OrderBy(s => s.Revision).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var materials = await db.ApplicationMaterials.AsNoTracking().Where(m => m.ApplicationId == application.Id).ToListAsync(cancellationToken);
        var licences = await db.ApplicationLicences.AsNoTracking().Where(l => l.ApplicationId == application.Id).ToListAsync(cancellationToken);
        var applicantKey = await ApplicantKeys.PublicKeyAsync(db, application.Applicant, cancellationToken);
        var current = materials.Where(m => !m.Pending && m.SupersededAt == null).ToList();
        var deferred = JsonSerializer.Deserialize<List<string>>(application.DeferredJson ?? "[]") ?? [];

        var problems = new List<string>();
        var checks = new List<StatementCheck>();
        var hashes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var signature in signatures)
        {
            var found = new List<string>();
            var name = $"{signature.Kind} (revision {signature.Revision})";
            if (!Sm2Key.Verify(signature.CanonicalText, signature.Signature, signature.PublicKey))
                found.Add($"{name}: the signature does not verify over the signed text with its public key");
            if (signature.PublicKey != applicantKey)
                found.Add($"{name}: signed with key {Short(signature.PublicKey)}, not {application.Applicant}'s recorded key {Short(applicantKey)}");
            var signed = Parse(signature.CanonicalText);
            if (signed is null) found.Add($"{name}: the signed text is not a JSON object");
            else
            {
                if ((string?)signed["applicationId"] != application.Id || (string?)signed["applicant"] != application.Applicant)
                    found.Add($"{name}: signed for application {(string?)signed["applicationId"]} of {(string?)signed["applicant"]}, not this one");
                if (signature.Kind == StatementKinds.Application)
                {
                    foreach (var material in (signed["materials"] as JsonArray ?? []).OfType<JsonObject>())
                        if (await FileProblemAsync(material, hashes, cancellationToken) is { } problem) found.Add($"{name}: {problem}");
                    if (signature.Revision == application.Revision)
                        found.AddRange(Differences(signed, Parse(CanonicalStatements.Application(application, current, licences, deferred))!).Select(d => $"{name}: {d}"));
                }
            }
            checks.Add(new StatementCheck(signature.Kind, signature.Revision, signature.Signer, signature.PublicKey, signature.SignedAt, found.Count == 0, found));
            problems.AddRange(found);
        }
        if (application.Status == ApplicationStatus.Submitted && application.Revision == 0)
            problems.Add($"application {application.Id} was submitted before e-signatures were introduced: nothing was signed");
        else if (application.Status == ApplicationStatus.Submitted && !signatures.Any(s => s.Kind == StatementKinds.Application && s.Revision == application.Revision))
            problems.Add($"application revision {application.Revision}: no signature (the revision number or the signatures were changed)");
        if (application.Commitment && !signatures.Any(s => s.Kind == StatementKinds.CommitmentLetter))
            problems.Add("commitment-letter: the application chose 告知承诺 but no signed commitment letter is stored");
        return new SignatureReport(application.Id, root, application.Applicant, application.Revision, problems.Count == 0, checks, problems);
    }

    /// <summary>Null when the stored file still has the signed SHA-256; else what is wrong with it.</summary>
    private async Task<string?> FileProblemAsync(JsonObject material, Dictionary<string, string?> hashes, CancellationToken ct)
    {
        var sha = (string?)material["sha256"] ?? "";
        var label = $"material {(string?)material["code"]} version {(int?)material["version"]} ({(string?)material["file"]})";
        if (!hashes.TryGetValue(sha, out var actual))
        {
            try
            {
                await using var stream = blobs.OpenRead(sha);
                actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
            }
            catch (Exception ex) when (ex is CasesException or IOException or UnauthorizedAccessException)
            {
                actual = null;
            }
            hashes[sha] = actual;
        }
        return actual is null ? $"{label}: the stored file is missing"
            : actual != sha ? $"{label}: the stored file changed (its SHA-256 is now {actual}, the signed one {sha})"
            : null;
    }

    /// <summary>What the stored rows say differently from the signed text, field by field (materials by code).</summary>
    private static IEnumerable<string> Differences(JsonObject signed, JsonObject stored)
    {
        foreach (var key in signed.Select(p => p.Key).Union(stored.Select(p => p.Key)))
        {
            var a = signed[key];
            var b = stored[key];
            if (JsonNode.DeepEquals(a, b)) continue;
            if (key is "materials" or "eLicences" && a is JsonArray signedItems && b is JsonArray storedItems)
            {
                var before = signedItems.OfType<JsonObject>().ToDictionary(i => (string?)i["code"] ?? "", StringComparer.Ordinal);
                var after = storedItems.OfType<JsonObject>().ToDictionary(i => (string?)i["code"] ?? "", StringComparer.Ordinal);
                foreach (var code in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
                {
                    var was = before.GetValueOrDefault(code);
                    var now = after.GetValueOrDefault(code);
                    if (JsonNode.DeepEquals(was, now)) continue;
                    yield return $"{key} {code}: stored {Show(now)}, signed {Show(was)}";
                }
                continue;
            }
            yield return $"field '{key}': stored {Show(b)}, signed {Show(a)}";
        }
    }

    private static JsonObject? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString(CanonicalStatements.Options) ?? "nothing";
        return text.Length > 200 ? text[..200] + "…" : text;
    }

    private static string Short(string? key) => key is null ? "(none)" : key.Length > 16 ? key[..16] + "…" : key;
}

/// <summary>The verification of a case's signed application: valid when nothing failed; every problem named.</summary>
public sealed record SignatureReport(string ApplicationId, string CaseId, string Applicant, int Revision, bool Valid,
    IReadOnlyList<StatementCheck> Statements, IReadOnlyList<string> Problems);

/// <summary>One signed statement and what failed in it.</summary>
public sealed record StatementCheck(string Kind, int Revision, string Signer, string PublicKey, DateTime SignedAt, bool Valid, IReadOnlyList<string> Problems);
