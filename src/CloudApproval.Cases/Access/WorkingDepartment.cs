using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Access;

/// <summary>
/// A department with a task of its own work (not one only shared with it) somewhere in a case tree: what makes its staff
/// read the whole tree (<see cref="CaseAccess.Readable"/>). A projection of the task rows, dated with the root's
/// <see cref="Case.CreatedAt"/>, so that a department's case list is read newest first from its own rows instead of
/// probing every case for a task of it. Written with the task in the same transaction; never removed, as tasks are never
/// removed and neither their department nor what they share changes. The consistency check compares it with the tasks.
/// </summary>
public sealed class WorkingDepartment
{
    public required string RootCaseId { get; set; }
    public required string Department { get; set; }
    /// <summary>The root case's <see cref="Case.CreatedAt"/>: case lists are newest first.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Stages the row for a task created in <paramref name="c"/> (a root or a sub-procedure) unless it exists.</summary>
    internal static async Task NoteAsync(CasesDbContext db, Case c, WorkTask task, CancellationToken ct)
    {
        if (task.SharedMaterials is not null) return;
        var root = c.RootCaseId == c.Id ? c : await db.Cases.FindAsync([c.RootCaseId], ct)
            ?? throw new InvalidOperationException($"root case {c.RootCaseId} of {c.Id} is missing");
        // A tree started in this transaction has no stored rows: only the tracked ones are looked at.
        var stored = db.Entry(root).State == EntityState.Added
            ? db.WorkingDepartments.Local.FindEntryUntyped([root.Id, task.Department]) is not null
            : await db.WorkingDepartments.FindAsync([root.Id, task.Department], ct) is not null;
        if (stored) return;
        db.WorkingDepartments.Add(new WorkingDepartment { RootCaseId = root.Id, Department = task.Department, CreatedAt = root.CreatedAt });
    }
}
