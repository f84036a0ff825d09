using System.Text.Json.Nodes;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Signing;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Applications;

/// <summary>
/// The applicant answers a correction request online: the files uploaded for it (new versions of the materials asked
/// for) become the application's current ones, the old versions kept; the application is re-signed as its next
/// revision; and the case gets <c>correction-submitted</c> from the applicant, all in one transaction.
/// </summary>
public sealed class AnswerCorrections(CaseRuntime runtime, ISecretProtector protector)
{
    public const string EventName = "correction-submitted";

    public async Task<CorrectionAnswer> RunAsync(string applicationId, IReadOnlyList<string>? materials, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("answer a correction request", ActorRoles.Applicant);
        if (materials is null || materials.Count == 0 || materials.Any(string.IsNullOrWhiteSpace))
            throw new CasesException("invalid-input", "materials: list the codes of the corrected materials (every one the correction request asks for)");
        return await runtime.InTransactionAsync(actor, async (db, transition, ct) =>
        {
            var me = actor.Id;
            var now = transition.Now.UtcDateTime;
            var application = await db.Applications.SingleOrDefaultAsync(a => a.Id == applicationId && a.Applicant == me, ct)
                ?? throw ApplicationReader.Unknown(applicationId);
            var request = await db.CorrectionRequests.Where(r => r.ApplicationId == application.Id).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
            if (application.Status != ApplicationStatus.Submitted || application.CaseId is null || request is null)
                throw new CasesException("correction-not-open", $"application {application.Id} has no correction request to answer");
            if (request.Status != CorrectionStatus.Open)
                throw new CasesException("correction-not-open", $"correction request {request.Id} of application {application.Id} was answered already{(request.AnsweredAt is { } at ? " at " + CanonicalStatements.Time(at) : "")}");
            if (request.DeadlineAt <= now)
                throw new CasesException("correction-not-open", $"the period of correction request {request.Id} ended at {CanonicalStatements.Time(request.DeadlineAt.Value)}: it can no longer be answered");

            var asked = CorrectionRules.Items(request).Select(i => i.Material).ToList();
            var notAsked = materials.Where(m => !asked.Contains(m)).Distinct().ToList();
            if (notAsked.Count > 0)
                throw new CasesException("material-not-requested",
                    $"materials: correction request {request.Id} does not ask for {string.Join(", ", notAsked.Select(m => $"'{m}'"))}; it asks for {string.Join(", ", asked)}");
            var unanswered = asked.Where(m => !materials.Contains(m)).ToList();
            if (unanswered.Count > 0)
                throw new CasesException("correction-incomplete",
                    $"materials: the correction notice is answered as a whole; also correct {string.Join(", ", unanswered)}");

            request.Status = CorrectionStatus.Answered;
            request.AnsweredAt = now;
            var handedIn = await MaterialHandIn.RunAsync(db, transition, runtime, protector, application, asked, $"for correction request {request.Id}",
                EventName, new JsonObject { ["correctionRequest"] = request.Id }, actor, ct);
            return new CorrectionAnswer(request.Id, application.Id, handedIn.Outcome.CaseId, application.Revision,
                handedIn.Materials, handedIn.Signature, handedIn.Outcome.Faulted);
        }, cancellationToken);
    }
}

/// <summary>An answered correction: the new revision, the materials handed in, its signature.</summary>
public sealed record CorrectionAnswer(long RequestId, string ApplicationId, string CaseId, int Revision, IReadOnlyList<MaterialView> Materials, string Signature, bool CaseFaulted);
