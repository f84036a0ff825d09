using System.Globalization;
using CloudApproval.Cases.Access;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tasks;

/// <summary>
/// Task lists for inboxes: only what the actor may see (their departments' tasks and the ones they hold; everything for
/// admins and auditors), filtered, sorted by due date (undated last), keyset-paged so page N costs what page 1 does.
/// </summary>
public sealed class TaskInbox(CasesDbFactory factory, WorkingCalendar calendar, TimeProvider time)
{
    public const int MaxLimit = 500;

    private static readonly DateTime Undated = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    public async Task<TaskPage> ListAsync(TaskQuery query, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actor);
        if (query.Limit is < 1 or > MaxLimit) throw new CasesException("invalid-input", $"limit must be between 1 and {MaxLimit}");
        await using var db = factory.CreateDbContext();
        var tasks = db.Tasks.AsNoTracking().Visible(actor);
        if (query.Department is { } department) tasks = tasks.Where(t => t.Department == department);
        if (query.Role is { } role) tasks = tasks.Where(t => t.Role == role);
        if (query.Assignee is { } assignee) tasks = tasks.Where(t => t.Assignee == assignee);
        if (query.Search is { Length: > 0 } search)
        {
            // A clerk types part of a case number, an applicant's user name or a task title.
            var text = search.Trim();
            tasks = tasks.Where(t => t.Title.Contains(text) || t.CaseId.Contains(text)
                || db.Cases.Any(c => c.Id == t.CaseId && (c.RootCaseId.Contains(text) || (c.Applicant != null && c.Applicant.Contains(text)))));
        }
        if (query.DueBy is { } by) tasks = tasks.Where(t => t.DueDate != null && t.DueDate <= by);
        if (query.CaseId is { } caseId)
        {
            // The case and, for a root, its sub-procedures: their ids first, then their tasks by case (a per-task test of
            // the task's case made the database walk the whole department's tasks for one case's).
            var tree = db.Cases.Where(c => c.Id == caseId || c.RootCaseId == caseId).Select(c => c.Id);
            tasks = tasks.Where(t => tree.Contains(t.CaseId));
        }
        // One case's tasks are few: each part is then one sorted query, like what one person holds.
        var few = query.CaseId is not null;
        var statuses = (query.Statuses ?? [WorkTaskStatus.Open, WorkTaskStatus.Claimed]).Distinct().ToList();
        // The list is the union of disjoint parts, each read in the order of an index (department or assignee, status,
        // due date, id) and stopped after a page, then merged here: one query ordered by "due date, undated last" over
        // an OR of statuses and holders makes the database sort every task of the department for each page (tens of
        // thousands in a city's department).
        var parts = new List<(IQueryable<WorkTask> Tasks, bool Short)>();
        if (query.Mine)
        {
            // What the actor holds, and the open tasks of their departments whose task role is one of their duties.
            var me = actor.Id;
            var departments = actor.Departments.ToList();
            var duties = actor.Duties.ToList();
            // What one person holds is short: sorting it is cheap, so it is one query, dated and undated together.
            parts.Add((tasks.Where(t => statuses.Contains(t.Status) && t.Assignee == me), true));
            if (statuses.Contains(WorkTaskStatus.Open))
                parts.Add((tasks.Where(t => t.Status == WorkTaskStatus.Open && t.Assignee != me && departments.Contains(t.Department) && duties.Contains(t.Role)), few));
        }
        else
        {
            parts.AddRange(statuses.Select(status => (tasks.Where(t => t.Status == status), few)));
        }
        // One case's parts are all short and disjoint: one sorted query over their union (UNION ALL) rather than one per
        // part. A clerk opens a case's task this way after every applicant's submission, so it is on the hot path.
        if (few && parts.Count > 1) parts = [(parts.Select(p => p.Tasks).Aggregate(Queryable.Concat), true)];
        var (due, id) = query.After is { } cursor ? ParseCursor(cursor) : (DateTime.MinValue, 0L);
        var after = query.After is not null;
        // Tasks only: their cases' columns are read once for the page below (a join read a whole case row, state and
        // all, for every candidate of every part).
        var page = new List<WorkTask>();
        foreach (var (part, isShort) in parts)
        {
            if (isShort)
            {
                var keyed = after ? part.Where(t => (t.DueAt ?? Undated) > due || ((t.DueAt ?? Undated) == due && t.Id > id)) : part;
                page.AddRange(await keyed.OrderBy(t => t.DueAt ?? Undated).ThenBy(t => t.Id).Take(query.Limit + 1).ToListAsync(cancellationToken));
                continue;
            }
            // Dated tasks in due order, then undated ones (due = Undated) in id order: each part is two index-ordered reads.
            var dated = part.Where(t => t.DueAt != null);
            if (after) dated = dated.Where(t => t.DueAt >= due && (t.DueAt > due || t.Id > id));
            var rows = await dated.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(query.Limit + 1).ToListAsync(cancellationToken);
            page.AddRange(rows);
            // A full page of dated tasks all due before "undated" already holds this part's share of the page.
            if ((after && due > Undated) || (rows.Count > query.Limit && rows[^1].DueAt < Undated)) continue;
            var undated = part.Where(t => t.DueAt == null);
            if (after && due == Undated) undated = undated.Where(t => t.Id > id);
            page.AddRange(await undated.OrderBy(t => t.Id).Take(query.Limit + 1).ToListAsync(cancellationToken));
        }
        page = [.. page.OrderBy(t => t.DueAt ?? Undated).ThenBy(t => t.Id).Take(query.Limit + 1)];
        var more = page.Count > query.Limit;
        if (more) page.RemoveAt(page.Count - 1);
        var cases = await InboxCases.OfAsync(db, [.. page.Select(t => t.CaseId).Distinct()], cancellationToken);
        var days = new DaysLeftByDate(calendar, ChinaTime.DateOf(time.GetUtcNow()));
        // A task whose case row is missing (deleted behind the application's back) is not listed, as the join did.
        var views = new List<TaskView>(page.Count);
        foreach (var t in page)
            if (cases.TryGetValue(t.CaseId, out var c)) views.Add(TaskView.From(t, c.RootCaseId, c.Applicant, days.Of) with { Case = c.Context });
        return new TaskPage(views, more ? Cursor(page[^1]) : null);
    }

    /// <summary>
    /// One task the actor may see, with its case's matter and clock (what a task page opens with); <c>unknown-task</c>
    /// for a task of another department, so its id tells nothing.
    /// </summary>
    public async Task<TaskView> GetAsync(long taskId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = factory.CreateDbContext();
        var task = await db.Tasks.AsNoTracking().Visible(actor).Where(t => t.Id == taskId).SingleOrDefaultAsync(cancellationToken);
        var c = task is null ? null : (await InboxCases.OfAsync(db, [task.CaseId], cancellationToken)).GetValueOrDefault(task.CaseId);
        if (task is null || c is null) throw CaseAccess.UnknownTask(taskId);
        return TaskView.From(task, c.RootCaseId, c.Applicant, calendar, ChinaTime.DateOf(time.GetUtcNow())) with { Case = c.Context };
    }

    private static string Cursor(WorkTask t) => $"{(t.DueAt ?? Undated).Ticks.ToString(CultureInfo.InvariantCulture)}.{t.Id.ToString(CultureInfo.InvariantCulture)}";

    private static (DateTime Due, long Id) ParseCursor(string cursor)
    {
        var parts = cursor.Split('.');
        if (parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return (new DateTime(ticks, DateTimeKind.Utc), id);
        throw new CasesException("invalid-input", $"'{cursor}' is not a page cursor returned by a previous page");
    }
}

/// <summary>Filters of a task list; all optional.</summary>
public sealed record TaskQuery
{
    /// <summary>Only what the actor holds or may claim (an inbox), rather than all they may see.</summary>
    public bool Mine { get; init; }
    public string? Department { get; init; }
    public string? Role { get; init; }
    public string? Assignee { get; init; }
    /// <summary>Part of a case number, an applicant's user name or a task's title.</summary>
    public string? Search { get; init; }
    /// <summary>Only tasks due on or before this day (overdue and near-due lists).</summary>
    public DateOnly? DueBy { get; init; }
    /// <summary>Tasks of this case or of any sub-procedure of it.</summary>
    public string? CaseId { get; init; }
    /// <summary>Default: open and claimed.</summary>
    public IReadOnlyList<WorkTaskStatus>? Statuses { get; init; }
    /// <summary>The cursor of the previous page's last row.</summary>
    public string? After { get; init; }
    public int Limit { get; init; } = 50;
}

/// <summary>One page and the cursor of the next (null on the last page).</summary>
public sealed record TaskPage(IReadOnlyList<TaskView> Tasks, string? NextCursor);
