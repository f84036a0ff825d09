using CloudApproval.Cases.Access;
using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tasks;

/// <summary>
/// A department's team workload for its head: per clerk the tasks they hold, how many are overdue and how many fall due
/// within <see cref="NearDueWorkingDays"/> working days, and the open tasks nobody holds yet. Only the departments the
/// actor may see (everything for auditors and admins), counted in the database.
/// </summary>
public sealed class Workload(CasesDbFactory factory, WorkingCalendar calendar, TimeProvider time)
{
    /// <summary>How soon a due date counts as near (the inbox colours it amber from then on).</summary>
    public const int NearDueWorkingDays = 2;

    public async Task<WorkloadView> GetAsync(string? department, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var today = ChinaTime.DateOf(time.GetUtcNow());
        var nearBy = NearDueBy(today);
        await using var db = factory.CreateDbContext();
        var tasks = db.Tasks.AsNoTracking().Visible(actor).Where(t => t.Status == WorkTaskStatus.Open || t.Status == WorkTaskStatus.Claimed);
        if (department is not null) tasks = tasks.Where(t => t.Department == department);
        var rows = await tasks
            .GroupBy(t => new { t.Department, Holder = t.Status == WorkTaskStatus.Claimed ? t.Assignee : null })
            .Select(g => new WorkloadRow(
                g.Key.Department,
                g.Key.Holder,
                g.Count(),
                g.Count(t => t.DueDate != null && t.DueDate < today),
                g.Count(t => t.DueDate != null && t.DueDate >= today && t.DueDate <= nearBy)))
            .ToListAsync(cancellationToken);
        return new WorkloadView(today, nearBy, [.. rows.OrderBy(r => r.Department, StringComparer.Ordinal).ThenBy(r => r.Holder is null ? 0 : 1)
            .ThenBy(r => r.Holder, StringComparer.Ordinal)]);
    }

    /// <summary>The last day that is near due: <see cref="NearDueWorkingDays"/> working days after today (today when the calendar cannot say).</summary>
    private DateOnly NearDueBy(DateOnly today)
    {
        try
        {
            return calendar.AddWorkingDays(today, NearDueWorkingDays).Value;
        }
        catch (ArgumentOutOfRangeException)
        {
            return today;
        }
    }
}

/// <summary>The workload as of a day: near due means due on or before <paramref name="NearDueBy"/>.</summary>
public sealed record WorkloadView(DateOnly Today, DateOnly NearDueBy, IReadOnlyList<WorkloadRow> Rows);

/// <summary>One clerk's load in one department, or (no holder) the open tasks nobody has claimed.</summary>
/// <param name="Department">The department.</param>
/// <param name="Holder">The clerk holding the tasks; null for open tasks.</param>
/// <param name="Tasks">Open or claimed tasks.</param>
/// <param name="Overdue">Of those, past their due date.</param>
/// <param name="NearDue">Of those, due today or within the near-due working days.</param>
public sealed record WorkloadRow(string Department, string? Holder, int Tasks, int Overdue, int NearDue);
