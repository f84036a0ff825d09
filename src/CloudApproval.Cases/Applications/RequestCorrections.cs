using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Matters;
using CloudApproval.Cases.Tasks;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Applications;

/// <summary>
/// The clerk's correction request (补正, art. 32) on a case applied for online: every item (material, what is wrong, how
/// to fix it) checked against the matter, the pre-review task completed with <c>request-correction</c>, and the one
/// notice the procedure sends carrying the items, the deadline and the consequence of missing it, all in one
/// transaction with the request the applicant answers online.
/// </summary>
public sealed class RequestCorrections(CaseRuntime runtime, MatterCatalog catalog)
{
    public async Task<CorrectionRequestView> RunAsync(long taskId, IReadOnlyList<CorrectionItemInput>? items, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (items is null || items.Count == 0)
            throw new CasesException("invalid-correction-items", "items: a correction request lists every item to correct (art. 32 one-time notice); none given");
        var (saved, caseOutcome) = await runtime.InTransactionAsync(actor, async (db, transition, ct) =>
        {
            var found = await CompiledQueries.TaskAndCaseAsync(db, taskId, ct);
            // The task's own checks (unknown to who may not see it, closed, another's) come first, through the completion.
            var caseId = found?.Case.RootCaseId;
            var application = caseId is null ? null : await db.Applications.SingleOrDefaultAsync(a => a.CaseId == caseId, ct);
            Matter? matter = application is null ? null : await catalog.GetAsync(application.MatterCode, ct);
            var checkedItems = matter is null ? [] : CorrectionRules.Check(matter, items);
            if (application is not null && await CorrectionRules.OpenRequestAsync(db, application.Id, transition.Now.UtcDateTime, ct) is { } open)
                throw new CasesException("correction-open", $"application {application.Id} already has open correction request {open.Id}: art. 32 allows one notice listing every item");

            var data = new JsonObject { ["corrections"] = Text(checkedItems) };
            var (task, c) = await TaskCommands.CompleteInAsync(db, transition, taskId, TaskCommands.CorrectionOutcome, data, actor, ct, structuredCorrection: true);
            if (application is null || matter is null)
                throw new CasesException("not-applied-online", $"task {taskId}: case {task.CaseId} was not applied for online; complete the task with outcome request-correction and the corrections text");

            // The notice the procedure just sent (RequestCorrection) and its deadline timer, from this transaction.
            var notice = db.ChangeTracker.Entries<Notice>().Where(e => e.State == EntityState.Added && e.Entity.NoticeType == "correction-request")
                .Select(e => e.Entity).SingleOrDefault()
                ?? throw new CasesException("rejected-no-correction-notice", $"task {taskId}: the procedure sent no correction notice on request-correction");
            var deadline = transition.TouchedTimers.Where(t => t.ActivityId == notice.ActivityId && t.Purpose == nameof(TimerPurpose.Deadline))
                .Select(t => (DateTime?)t.DueAt).FirstOrDefault();
            var noticeData = notice.DataJson is null ? new JsonObject() : JsonNode.Parse(notice.DataJson) as JsonObject ?? new JsonObject();
            var consequence = (noticeData["items"] as JsonObject)?["consequence"]?.GetValue<string>();
            var itemsJson = JsonSerializer.Serialize(checkedItems, CorrectionRules.Json);
            // One notice lists every item in full, with the deadline and the consequence (一次性告知).
            noticeData["correctionItems"] = JsonNode.Parse(itemsJson);
            noticeData["deadline"] = deadline is { } d ? CanonicalStatements.Time(d) : null;
            noticeData["consequence"] = consequence;
            notice.DataJson = noticeData.ToJsonString(EngineJson.Options);

            var request = new CorrectionRequest
            {
                ApplicationId = application.Id,
                CaseId = c.RootCaseId,
                TaskId = task.Id,
                ItemsJson = itemsJson,
                DeadlineAt = deadline,
                Consequence = consequence,
                Status = CorrectionStatus.Open,
                RequestedBy = actor.Recorded,
                RequestedAt = transition.Now.UtcDateTime,
            };
            db.CorrectionRequests.Add(request);
            return (Request: request, Outcome: transition.Outcome(c));
        }, cancellationToken);
        return CorrectionRequestView.Of(saved, caseOutcome.Faulted);
    }

    /// <summary>The items as the pre-review form's text field, in the notice as the procedure words it.</summary>
    private static string Text(IReadOnlyList<CorrectionItem> items) =>
        string.Join("\n", items.Select((item, i) => $"{i + 1}. {item.Material} ({item.MaterialName}): {item.Problem} — {item.Fix}"));
}

/// <summary>A correction request as the clerk and the applicant see it.</summary>
public sealed record CorrectionRequestView(
    long Id, string ApplicationId, string CaseId, IReadOnlyList<CorrectionItem> Items, DateTime? Deadline, string? Consequence,
    CorrectionStatus Status, DateTime RequestedAt, DateTime? AnsweredAt, bool CaseFaulted = false)
{
    internal static CorrectionRequestView Of(CorrectionRequest r, bool faulted = false) => new(
        r.Id, r.ApplicationId, r.CaseId, CorrectionRules.Items(r), r.DeadlineAt, r.Consequence, r.Status, r.RequestedAt, r.AnsweredAt, faulted);
}
