using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;

namespace CloudApproval.Cases.Access;

/// <summary>
/// The root cases staff read (<see cref="CaseAccess.Readable"/>) as a union of parts, each read newest first in the order
/// of an index of its own: the cases they applied for, the trees their departments handle (<see cref="Case.Department"/>)
/// and the trees their departments work a task in (<see cref="WorkingDepartment"/>). Probing every case of the database
/// for a task of the reader's department costs ~40 cases read per case shown for a clerk of 1 of 40 departments; each
/// part here reads about the rows it returns. The parts overlap (a department usually works in the trees it handles):
/// the caller merges them by (CreatedAt, Id) and keeps each case once.
/// </summary>
internal static class ReadableRoots
{
    /// <summary>
    /// The parts for <paramref name="actor"/> (staff) over <paramref name="roots"/>, root cases already filtered and cut
    /// to <paramref name="window"/>; the department-work part repeats the window on its own rows so that it seeks too.
    /// </summary>
    public static IEnumerable<IQueryable<Case>> Parts(IQueryable<Case> roots, CasesDbContext db, Actor actor, CaseWindow window)
    {
        var me = actor.Id;
        yield return Newest(roots.Where(c => c.Applicant == me));
        foreach (var department in actor.Departments.Order(StringComparer.Ordinal))
        {
            yield return Newest(roots.Where(c => c.Department == department));
            yield return from w in window.Apply(db.WorkingDepartments.Where(w => w.Department == department))
                         join c in roots on w.RootCaseId equals c.Id
                         orderby w.CreatedAt descending, w.RootCaseId descending
                         select c;
        }
    }

    public static IQueryable<Case> Newest(IQueryable<Case> cases) => cases.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id);
}
