using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Efficiency;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Collaboration;

/// <summary>
/// How each department answers the opinion requests (征询) it receives, for the efficiency dashboard: requests received in
/// a period, still open, answered by a person, answered on time (by the request's due date), deemed consents (silence
/// taken as consent under the matter's legal basis), escalations to the department's head, and the median reply time in
/// working days on the official calendar. A request is one department's opinion task with the task that replaced it on
/// escalation, counted once. Clerks and heads see their departments; auditors and admins all.
/// </summary>
public sealed class CollaborationFigures(CasesDbFactory factory, DefinitionCache definitions, WorkingCalendar calendar)
{
    /// <summary>The longest period asked for at once: a year of requests is read into memory.</summary>
    public const int MaxDays = 366;

    public async Task<IReadOnlyList<DepartmentCollaboration>> RunAsync(DateOnly from, DateOnly to, Actor actor, CancellationToken cancellationToken = default)
    {
        var (seesAll, departments, start, end) = FiguresScope.Of(from, to, actor);

        await using var db = factory.CreateDbContext();
        var opinionActivities = await OpinionActivitiesAsync(db, cancellationToken);
        var definitionIds = opinionActivities.Select(a => a.DefinitionId).Distinct().ToList();
        var activityIds = opinionActivities.Select(a => a.ActivityId).Distinct().ToList();
        var inRange = db.Tasks.AsNoTracking().Where(t => definitionIds.Contains(t.DefinitionId) && activityIds.Contains(t.ActivityId)
            && t.CreatedAt >= start && t.CreatedAt < end && (seesAll || departments.Contains(t.Department)));
        // Every opinion task of those cases: an escalation's task belongs to a request that may have begun before the period.
        var rows = await (
            from t in db.Tasks.AsNoTracking()
            join c in db.Cases.AsNoTracking() on t.CaseId equals c.Id
            where inRange.Select(r => r.CaseId).Contains(t.CaseId) && activityIds.Contains(t.ActivityId) && (seesAll || departments.Contains(t.Department))
            select new { Task = t, c.DefinitionId, c.Version })
            .ToListAsync(cancellationToken);
        var tasks = rows.Where(r => opinionActivities.Contains((r.DefinitionId, r.Version, r.Task.ActivityId))).Select(r => r.Task).ToList();

        // One request per case, activity and department: its first task, and the last one (the escalation's, if any).
        var requests = tasks.GroupBy(t => (t.CaseId, t.ActivityId, t.Department))
            .Select(g => g.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToList())
            .Where(chain => chain[0].CreatedAt >= start && chain[0].CreatedAt < end)
            .Select(chain => new Request(chain[0], chain[^1], chain.Count > 1))
            .ToList();
        return [.. requests.GroupBy(r => r.First.Department).OrderBy(g => g.Key, StringComparer.Ordinal).Select(Figures)];
    }

    private DepartmentCollaboration Figures(IGrouping<string, Request> department)
    {
        var answered = department.Where(r => r.Last.Status == WorkTaskStatus.Completed && r.Last.CompletedBy != TaskRecord.DeadlineCompleter).ToList();
        var onTime = answered.Count(r => r.First.DueAt is not { } due || r.Last.ClosedAt <= due);
        var replyDays = answered.Select(r => calendar.CountWorkingDays(ChinaTime.DateOf(At(r.First.CreatedAt)), ChinaTime.DateOf(At(r.Last.ClosedAt!.Value))).Value)
            .Order().ToList();
        return new DepartmentCollaboration(
            department.Key,
            department.Count(),
            department.Count(r => r.Last.Status is WorkTaskStatus.Open or WorkTaskStatus.Claimed),
            answered.Count,
            onTime,
            WorkingDayStatistics.Percent(onTime, answered.Count),
            department.Count(r => r.Last.Status == WorkTaskStatus.Completed && r.Last.CompletedBy == TaskRecord.DeadlineCompleter),
            department.Count(r => r.Escalated),
            WorkingDayStatistics.Median(replyDays));
    }

    /// <summary>Every (procedure, version, activity) that requests opinions, from the stored procedure versions.</summary>
    private async Task<HashSet<(string DefinitionId, int Version, string ActivityId)>> OpinionActivitiesAsync(CasesDbContext db, CancellationToken ct)
    {
        var versions = await db.ProcedureVersions.AsNoTracking()
            .Where(v => v.Status != ProcedureVersionStatus.Draft).Select(v => new { v.DefinitionId, v.Version }).ToListAsync(ct);
        var found = new HashSet<(string, int, string)>();
        foreach (var v in versions)
        {
            var definition = await definitions.GetAsync(v.DefinitionId, v.Version, ct);
            foreach (var activity in definition.Activities.Where(a => a.Type == "RequestOpinion")) found.Add((v.DefinitionId, v.Version, activity.Id));
        }
        return found;
    }

    private static DateTimeOffset At(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    private sealed record Request(WorkTask First, WorkTask Last, bool Escalated);
}

/// <summary>
/// One department's answers to opinion requests in a period: received, open, answered by a person, of those on time
/// (percent), deemed consents, escalations, and the median reply in working days (null with nothing answered).
/// </summary>
public sealed record DepartmentCollaboration(
    string Department,
    int Requests,
    int Open,
    int Answered,
    int AnsweredOnTime,
    double? OnTimePercent,
    int DeemedConsents,
    int Escalated,
    double? MedianReplyWorkingDays);
