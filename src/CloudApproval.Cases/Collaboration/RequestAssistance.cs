using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Access;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Documents;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Collaboration;

/// <summary>
/// A clerk or head of a department handling a running case asks another department for assistance (行政协助) under an
/// item of the catalogue. In one transaction: the request row of the requesting case and its audit entry, and either the
/// answer of the item's data port (given at once by <c>system:data-port</c>) or a new root case of the
/// <c>administrative-assistance</c> procedure whose tasks go to the assisting department's inbox. That case carries the
/// item, the question and the time limit, and nothing of the requesting case, which its department cannot read.
/// Assistance is not an art. 45 ground: the requesting case's clock is not touched.
/// </summary>
public sealed class RequestAssistance(CaseRuntime runtime, AssistanceCatalog catalog)
{
    /// <summary>The procedure the assisting department works a request in.</summary>
    public const string Procedure = "administrative-assistance";

    /// <summary>Who an automatic answer is recorded as given by.</summary>
    public const string DataPortActor = "system:data-port";

    public const int MaxQuestionLength = 4000;

    private const string IdAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public Task<AssistanceRequestView> RunAsync(string caseId, string? itemCode, string? question, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        question = question?.Trim();
        if (string.IsNullOrEmpty(question))
            throw new CasesException("invalid-input", "question: say what the assisting department is asked (the item's content is added)");
        if (question.Length > MaxQuestionLength) throw new CasesException("invalid-input", $"question: at most {MaxQuestionLength} characters");
        return runtime.InTransactionAsync(actor, async (db, transition, ct) =>
        {
            var c = await CompiledQueries.CaseAsync(db, caseId, ct) ?? throw CaseAccess.UnknownCase(caseId);
            await CaseAccess.RequireReadableAsync(db, c, actor, ct);
            if (!CaseAccess.IsStaff(actor))
                throw new CasesException("forbidden", $"{actor.Id} may not request assistance: clerks and heads of the case's department do");
            if (c.Id != c.RootCaseId)
                throw new CasesException("invalid-input", $"case {caseId} is a sub-procedure: request assistance on case {c.RootCaseId}");
            if (c.Status != CaseStatus.Running)
                throw new CasesException("case-closed", $"case {caseId} is {c.Status.ToString().ToLowerInvariant()}: assistance is requested while a case is handled");
            var item = catalog.Get(itemCode);
            var department = await RequestingDepartmentAsync(db, c, actor, ct);
            if (department == item.AssistingDepartment)
                throw new CasesException("own-department", $"item: {item.Code} is assisted by {department}, the requesting department itself; assistance is asked of another department");

            var now = transition.Now;
            var request = new AssistanceRequest
            {
                Id = $"AR-{ChinaTime.DateOf(now).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{RandomNumberGenerator.GetString(IdAlphabet, 8)}",
                CaseId = c.Id,
                ItemCode = item.Code,
                RequestingDepartment = department,
                AssistingDepartment = item.AssistingDepartment,
                Question = question,
                TimeLimitWorkingDays = item.TimeLimitWorkingDays,
                Status = AssistanceStatus.Open,
                RequestedBy = actor.Recorded,
                RequestedAt = now.UtcDateTime,
            };
            if (item.DataPort is { } port)
            {
                var answer = await DataPorts.AnswerAsync(db, port, c.Applicant, ChinaTime.DateOf(now), ct);
                (request.Status, request.AnsweredBy, request.AnsweredAt) = (AssistanceStatus.Provided, DataPortActor, now.UtcDateTime);
                (request.Result, request.ProvidedBy, request.ProvidedAt) = (answer, DataPortActor, now.UtcDateTime);
            }
            else
            {
                var version = await CompiledQueries.LatestPublishedAsync(db, Procedure, ct) ?? await ProcedureCatalog.VersionForNewCaseAsync(db, Procedure, null, ct);
                var assistance = await transition.StartAsync(Procedure, version, Input(request, item), applicant: null, parent: null, ct);
                request.AssistanceCaseId = assistance.Id;
            }
            db.AssistanceRequests.Add(request);
            c.RowVersion++;
            var detail = new JsonObject
            {
                ["request"] = request.Id, ["item"] = item.Code, ["requestingDepartment"] = department,
                ["assistingDepartment"] = item.AssistingDepartment, ["question"] = question, ["timeLimitWorkingDays"] = item.TimeLimitWorkingDays,
                ["assistanceCase"] = request.AssistanceCaseId,
            };
            db.AuditEntries.Add(AuditChain.Append(c, actor.Recorded, "assistance-requested", detail.ToJsonString(), now.UtcDateTime));
            if (request.Status == AssistanceStatus.Provided)
                db.AuditEntries.Add(AuditChain.Append(c, DataPortActor, "assistance-provided",
                    new JsonObject { ["request"] = request.Id, ["item"] = item.Code, ["result"] = request.Result }.ToJsonString(), now.UtcDateTime));
            return AssistanceRequestView.Of(request, item);
        }, cancellationToken);
    }

    /// <summary>The actor's department that handles the case (has a task anywhere in its tree); the first by name when several do.</summary>
    private static async Task<string> RequestingDepartmentAsync(CasesDbContext db, Case c, Actor actor, CancellationToken ct)
    {
        var mine = actor.Departments.ToList();
        var root = c.RootCaseId;
        var handling = await db.Tasks.AsNoTracking()
            .Where(t => mine.Contains(t.Department) && db.Cases.Any(x => x.Id == t.CaseId && x.RootCaseId == root))
            .Select(t => t.Department).Distinct().ToListAsync(ct);
        return handling.Order(StringComparer.Ordinal).FirstOrDefault()
            ?? throw new CasesException("forbidden", $"{actor.Id} may not request assistance on case {c.Id}: none of their departments handles it");
    }

    /// <summary>
    /// The assistance case's inputs: the reply is due within the item's limit; the department is reminded the morning
    /// after it passes and the step goes to its head when a further working day has passed unanswered.
    /// </summary>
    private static JsonObject Input(AssistanceRequest request, AssistanceItem item)
    {
        var basis = string.Join("; ", item.LegalBasis.Select(b => $"{b.Title} {b.Article}"));
        var instructions = $"{item.Name.Zh} {item.Name.En} ({item.Code}), asked by {DepartmentNames.Zh(request.RequestingDepartment)} ({request.RequestingDepartment}), request {request.Id}. "
            + $"{item.Content} Question: {request.Question} Legal basis: {basis}. Reply within {item.TimeLimitWorkingDays} working days: accept, or decline in writing with reasons; once accepted, provide the result.";
        return new JsonObject
        {
            ["requestId"] = request.Id,
            ["item"] = item.Code,
            ["requestingCase"] = request.CaseId,
            ["requestingDepartment"] = request.RequestingDepartment,
            ["assistingDepartment"] = item.AssistingDepartment,
            ["instructions"] = instructions,
            ["replyPeriod"] = $"{item.TimeLimitWorkingDays}wd",
            ["reminderPeriod"] = $"{item.TimeLimitWorkingDays + 1}wd",
            ["escalationPeriod"] = $"{item.TimeLimitWorkingDays + 2}wd",
        };
    }
}
