using System.Globalization;
using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tasks;

/// <summary>Task lists for inboxes: filtered, sorted by due date (undated last), keyset-paged so page N costs what page 1 does.</summary>
public sealed class TaskInbox(CasesDbFactory factory)
{
    private static readonly DateTime Undated = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    public async Task<TaskPage> ListAsync(TaskQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > 500) throw new CasesException("invalid-input", "limit must be between 1 and 500");
        await using var db = factory.CreateDbContext();
        var tasks = db.Tasks.AsNoTracking();
        if (query.Department is { } department) tasks = tasks.Where(t => t.Department == department);
        if (query.Role is { } role) tasks = tasks.Where(t => t.Role == role);
        if (query.Assignee is { } assignee) tasks = tasks.Where(t => t.Assignee == assignee);
        if (query.CaseId is { } caseId) tasks = tasks.Where(t => t.CaseId == caseId);
        var statuses = query.Statuses ?? [WorkTaskStatus.Open, WorkTaskStatus.Claimed];
        tasks = tasks.Where(t => statuses.Contains(t.Status));
        if (query.After is { } cursor)
        {
            var (due, id) = ParseCursor(cursor);
            tasks = tasks.Where(t => (t.DueAt ?? Undated) > due || ((t.DueAt ?? Undated) == due && t.Id > id));
        }
        var page = await tasks.OrderBy(t => t.DueAt ?? Undated).ThenBy(t => t.Id).Take(query.Limit + 1).ToListAsync(cancellationToken);
        var more = page.Count > query.Limit;
        if (more) page.RemoveAt(page.Count - 1);
        var next = more ? Cursor(page[^1]) : null;
        return new TaskPage(page, next);
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
    public string? Department { get; init; }
    public string? Role { get; init; }
    public string? Assignee { get; init; }
    public string? CaseId { get; init; }
    /// <summary>Default: open and claimed.</summary>
    public IReadOnlyList<WorkTaskStatus>? Statuses { get; init; }
    /// <summary>The cursor of the previous page's last row.</summary>
    public string? After { get; init; }
    public int Limit { get; init; } = 50;
}

/// <summary>One page and the cursor of the next (null on the last page).</summary>
public sealed record TaskPage(IReadOnlyList<WorkTask> Tasks, string? NextCursor);
