using System.Text.Json.Nodes;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Collaboration;

/// <summary>
/// The assisting department's steps, carried back to the requesting case in the transaction that completes them: the
/// acceptance, the decline with its reasons, and the result, which becomes a material of the requesting case with its
/// provenance (request, item, department, who answered and when, the file's SHA-256). The requesting case's chain gets
/// an entry for each, and its department reads them there without ever reading the assistance case.
/// </summary>
internal static class AssistanceResults
{
    public const string Answer = "answer-assistance";
    public const string Provide = "provide-result";

    /// <summary>Called after the engine accepted the completion of <paramref name="task"/> in case <paramref name="c"/>; does nothing for other procedures.</summary>
    public static async Task RecordInAsync(CasesDbContext db, Transition transition, WorkTask task, Case c, string outcome, JsonObject? data, Actor actor, CancellationToken ct)
    {
        if (c.DefinitionId != RequestAssistance.Procedure) return;
        // An assistance case started by hand (the operator, a test run of the procedure) belongs to no request.
        if (await db.AssistanceRequests.SingleOrDefaultAsync(r => r.AssistanceCaseId == c.Id, ct) is not { } request) return;
        var now = transition.Now.UtcDateTime;
        var detail = new JsonObject { ["request"] = request.Id, ["item"] = request.ItemCode, ["assistingDepartment"] = request.AssistingDepartment, ["assistanceCase"] = c.Id, ["task"] = task.Id };
        string action;
        switch (task.ActivityId, outcome)
        {
            case (Answer, "accept"):
                (request.Status, request.AnsweredBy, request.AnsweredAt) = (AssistanceStatus.Accepted, actor.Recorded, now);
                action = "assistance-accepted";
                break;
            case (Answer, "decline"):
                (request.Status, request.AnsweredBy, request.AnsweredAt) = (AssistanceStatus.Declined, actor.Recorded, now);
                request.DeclineReasons = Text(data, "reasons");
                detail["reasons"] = request.DeclineReasons;
                action = "assistance-declined";
                break;
            case (Provide, "provide"):
                var file = Text(data, "file");
                if (file is not null && (file.Length != 64 || !file.All(char.IsAsciiHexDigitLower)))
                    throw new CasesException("rejected-invalid-data", $"task {task.Id}: data.file: the SHA-256 of a stored file (64 lowercase hex digits), not '{file}'");
                (request.Status, request.Result, request.ResultSha256) = (AssistanceStatus.Provided, Text(data, "result"), file);
                (request.ProvidedBy, request.ProvidedAt) = (actor.Recorded, now);
                detail["result"] = request.Result;
                detail["sha256"] = file;
                action = "assistance-provided";
                break;
            default:
                return;
        }
        detail["by"] = actor.Recorded;
        var requesting = await db.Cases.SingleAsync(x => x.Id == request.CaseId, ct);
        requesting.RowVersion++;
        db.AuditEntries.Add(AuditChain.Append(requesting, actor.Recorded, action, detail.ToJsonString(), now));
    }

    private static string? Text(JsonObject? data, string name) =>
        data?[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
}
