using CloudApproval.Cases.Efficiency;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Collaboration;

/// <summary>
/// How each department answers the assistance requested of it (行政协助), for the efficiency dashboard: requests made in a
/// period, still open (not answered, or accepted with the result awaited), declined, provided, answered on time (every
/// step of the assistance case completed by its own due date; a data port's answer is on time), escalations to the
/// department's head, and the median reply (request to decline or result) in working days on the official calendar.
/// Clerks and heads see their departments; auditors and admins all.
/// </summary>
public sealed class AssistanceFigures(CasesDbFactory factory, WorkingCalendar calendar)
{
    public async Task<IReadOnlyList<DepartmentAssistance>> RunAsync(DateOnly from, DateOnly to, Actor actor, CancellationToken cancellationToken = default)
    {
        var (seesAll, departments, start, end) = FiguresScope.Of(from, to, actor);

        await using var db = factory.CreateDbContext();
        var requests = await db.AssistanceRequests.AsNoTracking()
            .Where(r => r.RequestedAt >= start && r.RequestedAt < end && (seesAll || departments.Contains(r.AssistingDepartment)))
            .ToListAsync(cancellationToken);
        var caseIds = requests.Select(r => r.AssistanceCaseId).OfType<string>().ToList();
        var tasks = (await db.Tasks.AsNoTracking().Where(t => caseIds.Contains(t.CaseId)).ToListAsync(cancellationToken)).ToLookup(t => t.CaseId);
        return [.. requests.GroupBy(r => r.AssistingDepartment).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Figures(g, tasks))];
    }

    private DepartmentAssistance Figures(IGrouping<string, AssistanceRequest> department, ILookup<string, WorkTask> tasks)
    {
        var answered = department.Where(r => r.Status is AssistanceStatus.Declined or AssistanceStatus.Provided).ToList();
        var onTime = answered.Count(r => r.AssistanceCaseId is null
            || tasks[r.AssistanceCaseId].All(t => t.Status != WorkTaskStatus.Completed || t.DueAt is not { } due || t.ClosedAt <= due));
        var replyDays = answered
            .Select(r => calendar.CountWorkingDays(ChinaTime.DateOf(At(r.RequestedAt)), ChinaTime.DateOf(At((r.ProvidedAt ?? r.AnsweredAt)!.Value))).Value)
            .Order().ToList();
        return new DepartmentAssistance(
            department.Key,
            department.Count(),
            department.Count(r => r.Status is AssistanceStatus.Open or AssistanceStatus.Accepted),
            department.Count(r => r.Status == AssistanceStatus.Declined),
            department.Count(r => r.Status == AssistanceStatus.Provided),
            onTime,
            WorkingDayStatistics.Percent(onTime, answered.Count),
            department.Count(r => r.AssistanceCaseId is { } id && tasks[id].Any(t => t.Role == EscalatedRole)),
            department.Count(r => r.ProvidedBy == RequestAssistance.DataPortActor),
            WorkingDayStatistics.Median(replyDays));
    }

    /// <summary>The role the administrative-assistance procedure escalates a silent step to.</summary>
    private const string EscalatedRole = "department-head";

    private static DateTimeOffset At(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}

/// <summary>
/// One department's answers to the assistance requested of it in a period: requests, open, declined, provided, answered
/// on time (of declined and provided; percent), escalated to its head, answered by a data port, and the median reply in
/// working days (null with nothing answered).
/// </summary>
public sealed record DepartmentAssistance(
    string Department,
    int Requests,
    int Open,
    int Declined,
    int Provided,
    int AnsweredOnTime,
    double? OnTimePercent,
    int Escalated,
    int ByDataPort,
    double? MedianReplyWorkingDays);
