using System.Text.Json;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Access;

/// <summary>
/// Who sees and acts on which case and task, in one place for every use case and every list. A case or task the actor
/// may not see is answered as unknown (not "forbidden"), so that ids of other departments' cases do not leak.
/// </summary>
internal static class CaseAccess
{
    /// <summary>Clerks and department heads: they see and work what their departments handle.</summary>
    public static bool IsStaff(Actor actor) => actor.Has(ActorRoles.Clerk) || actor.Has(ActorRoles.DepartmentHead);

    /// <summary>Admins and auditors read everything (and change nothing of a case); the operator and the system do anything.</summary>
    public static bool ReadsAll(Actor actor) => actor.IsTrusted || actor.Has(ActorRoles.Admin) || actor.Has(ActorRoles.Auditor);

    /// <summary>
    /// The cases (of any level) <paramref name="actor"/> may read whole: their own as applicant; for staff, every case of
    /// a tree their department handles (<see cref="Case.Department"/>) or with a task of its own work (not one only
    /// shared with them, see <see cref="SharedSliceAsync"/>) anywhere in it; everything for admins and auditors. Staff case
    /// lists read the same rule as the union of <see cref="ReadableRoots"/> (its parts must say what this says).
    /// </summary>
    public static IQueryable<Case> Readable(this IQueryable<Case> cases, CasesDbContext db, Actor actor)
    {
        if (ReadsAll(actor)) return cases;
        var me = actor.Id;
        if (!IsStaff(actor)) return cases.Where(c => c.Applicant == me);
        var departments = actor.Departments.ToList();
        return cases.Where(c => c.Applicant == me
            || db.Cases.Any(r => r.Id == c.RootCaseId && r.Department != null && departments.Contains(r.Department))
            || db.Cases.Any(s => s.RootCaseId == c.RootCaseId
                && db.Tasks.Any(t => t.CaseId == s.Id && departments.Contains(t.Department) && t.SharedMaterials == null)));
    }

    /// <summary>
    /// Scoped sharing: for staff of a department asked by another (an opinion request) and otherwise without work in the
    /// case's tree, the material codes shared with it by its open requests; null when they have none open (the slice
    /// closes with the request). Whoever reads the case whole is not asked here.
    /// </summary>
    public static async Task<IReadOnlySet<string>?> SharedSliceAsync(CasesDbContext db, Case c, Actor actor, CancellationToken ct)
    {
        if (!IsStaff(actor)) return null;
        var departments = actor.Departments.ToList();
        var root = c.RootCaseId;
        var shared = await db.Tasks.AsNoTracking()
            .Where(t => departments.Contains(t.Department) && t.SharedMaterials != null
                && (t.Status == WorkTaskStatus.Open || t.Status == WorkTaskStatus.Claimed)
                && db.Cases.Any(s => s.Id == t.CaseId && s.RootCaseId == root))
            .Select(t => t.SharedMaterials!).ToListAsync(ct);
        if (shared.Count == 0) return null;
        return shared.SelectMany(m => JsonSerializer.Deserialize<List<string>>(m) ?? []).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// What of the case <paramref name="actor"/> reads: null for the whole case, else the shared slice's material codes;
    /// unknown to whoever reads neither.
    /// </summary>
    public static async Task<IReadOnlySet<string>?> RequireReadableOrSharedAsync(CasesDbContext db, Case c, Actor actor, CancellationToken ct) =>
        await ReadsWholeAsync(db, c, actor, ct) ? null : await SharedSliceAsync(db, c, actor, ct) ?? throw UnknownCase(c.Id);

    /// <summary>The <see cref="Readable"/> test for one case.</summary>
    private static async Task<bool> ReadsWholeAsync(CasesDbContext db, Case c, Actor actor, CancellationToken ct)
    {
        if (ReadsAll(actor) || (c.Applicant is not null && c.Applicant == actor.Id)) return true;
        var id = c.Id;
        return IsStaff(actor) && await db.Cases.Where(x => x.Id == id).Readable(db, actor).AnyAsync(ct);
    }

    /// <summary>The tasks <paramref name="actor"/> may see: their departments' (staff), the ones they hold, or all (admins, auditors).</summary>
    public static IQueryable<WorkTask> Visible(this IQueryable<WorkTask> tasks, Actor actor)
    {
        if (ReadsAll(actor)) return tasks;
        var me = actor.Id;
        if (!IsStaff(actor)) return tasks.Where(t => t.Assignee == me);
        var departments = actor.Departments.ToList();
        return tasks.Where(t => t.Assignee == me || departments.Contains(t.Department));
    }

    /// <summary>Refuses as unknown a case <paramref name="actor"/> may not read whole.</summary>
    public static async Task RequireReadableAsync(CasesDbContext db, Case c, Actor actor, CancellationToken ct)
    {
        if (!await ReadsWholeAsync(db, c, actor, ct)) throw UnknownCase(c.Id);
    }

    /// <summary>
    /// Refuses a change to a case by someone who may only read it (an admin, an auditor), and as unknown one who may not
    /// even read it. The applicant sends their events (materials supplemented, commitment signed); staff of its departments theirs.
    /// </summary>
    public static async Task RequireMayActAsync(CasesDbContext db, Case c, Actor actor, CancellationToken ct)
    {
        await RequireReadableAsync(db, c, actor, ct);
        if (actor.IsTrusted || c.Applicant == actor.Id || IsStaff(actor)) return;
        throw new CasesException("forbidden", $"{actor.Id} may read case {c.RootCaseId} but not act on it");
    }

    /// <summary>The <see cref="Visible"/> test for one task.</summary>
    public static bool CanSee(Actor actor, WorkTask task) => CanSee(actor, task.Department, task.Assignee);

    /// <summary>The <see cref="Visible"/> test for a task of <paramref name="department"/> held by <paramref name="assignee"/>.</summary>
    public static bool CanSee(Actor actor, string department, string? assignee) =>
        ReadsAll(actor) || assignee == actor.Id || (IsStaff(actor) && actor.InDepartment(department));

    /// <summary>
    /// May <paramref name="actor"/> claim or complete the task: it is assigned to them, or they are staff of its
    /// department with its task role among their duties.
    /// </summary>
    public static bool MayTake(Actor actor, WorkTask task) => MayTake(actor, task.Department, task.Role, task.Assignee);

    /// <summary>The <see cref="MayTake(Actor, WorkTask)"/> test for a task of <paramref name="department"/> and <paramref name="role"/>.</summary>
    public static bool MayTake(Actor actor, string department, string role, string? assignee) =>
        actor.IsTrusted || assignee == actor.Id
        || (IsStaff(actor) && actor.InDepartment(department) && actor.Duties.Contains(role));

    /// <summary>The head of the task's department (or the operator).</summary>
    public static bool HeadsDepartmentOf(Actor actor, WorkTask task) =>
        actor.IsTrusted || (actor.Has(ActorRoles.DepartmentHead) && actor.InDepartment(task.Department));

    public static CasesException UnknownCase(string caseId) => new("unknown-case", $"no case {caseId}");

    public static CasesException UnknownTask(long taskId) => new("unknown-task", $"no task {taskId}");
}
