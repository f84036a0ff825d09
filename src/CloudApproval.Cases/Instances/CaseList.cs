using CloudApproval.Cases.Access;
using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Instances;

/// <summary>
/// Case lists (the cases applicants see as theirs, not internal sub-procedures): only what the actor may read, filtered,
/// newest first, keyset-paged so page N costs what page 1 does.
/// </summary>
public sealed class CaseList(CasesDbFactory factory, WorkingCalendar calendar, TimeProvider time)
{
    public const int MaxLimit = 500;

    public async Task<CasePage> ListAsync(CaseQuery query, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actor);
        if (query.Limit is < 1 or > MaxLimit) throw new CasesException("invalid-input", $"limit must be between 1 and {MaxLimit}");
        if (query.From > query.To) throw new CasesException("invalid-input", $"from ({query.From:yyyy-MM-dd}) is after to ({query.To:yyyy-MM-dd})");
        var today = ChinaTime.DateOf(time.GetUtcNow());
        await using var db = factory.CreateDbContext();
        var window = CaseWindow.Of(query);
        var cases = window.Apply(db.Cases.AsNoTracking().Where(c => c.ParentCaseId == null));
        if (query.Procedure is { } procedure) cases = cases.Where(c => c.DefinitionId == procedure);
        if (query.Status is { } status) cases = cases.Where(c => c.Status == status);
        if (query.Applicant is { } applicant) cases = cases.Where(c => c.Applicant == applicant);
        if (query.Matter is { } matter) cases = cases.Where(c => db.Applications.Any(a => a.CaseId == c.Id && a.MatterCode == matter));
        if (query.Outcome is { } outcome) cases = cases.Where(c => c.Outcome == outcome);
        if (query.Suspended is { } suspended)
            cases = suspended ? cases.Where(c => c.LegalClock == ClockStatus.Suspended) : cases.Where(c => c.LegalClock != ClockStatus.Suspended);
        if (query.Extended is { } extended) cases = cases.Where(c => c.ClockExtended == extended);
        if (query.Department is { } department)
            cases = cases.Where(c => db.Cases.Any(s => s.RootCaseId == c.Id && db.Tasks.Any(t => t.CaseId == s.Id && t.Department == department)));
        // Overdue: the legal clock runs and its last day has passed. A stopped clock keeps its due date (on-time is judged
        // by it) on a case still running after the decision (a commitment's post-approval verification), and a suspended
        // one does not count (art. 45): neither is late.
        if (query.Overdue is { } overdue)
            cases = overdue
                ? cases.Where(c => c.Status == CaseStatus.Running && c.LegalClock == ClockStatus.Running && c.ClockDueDate < today)
                : cases.Where(c => c.Status != CaseStatus.Running || c.LegalClock != ClockStatus.Running || c.ClockDueDate == null || c.ClockDueDate >= today);

        // Staff read a union of parts (see ReadableRoots), each at most a page and one long. A search for one applicant
        // instead reads that applicant's few cases by their own index and tests each against the access rule: the parts
        // would walk the reader's whole department to find them. Everyone else: one query.
        IEnumerable<IQueryable<Case>> parts = CaseAccess.IsStaff(actor) && !CaseAccess.ReadsAll(actor) && query.Applicant is null
            ? ReadableRoots.Parts(cases, db, actor, window)
            : [ReadableRoots.Newest(cases.Readable(db, actor))];
        var rows = new List<(Case Case, string? Name)>();
        foreach (var part in parts)
            rows.AddRange((await part.Take(query.Limit + 1)
                .Select(c => new
                {
                    Case = c,
                    Name = db.ProcedureVersions.Where(v => v.DefinitionId == c.DefinitionId && v.Version == c.Version).Select(v => v.Name).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken)).Select(r => (r.Case, r.Name)));
        // Ids compare ordinally, as the database's binary collation does in the cursor's condition.
        var page = rows.DistinctBy(r => r.Case.Id).OrderByDescending(r => r.Case.CreatedAt).ThenByDescending(r => r.Case.Id, StringComparer.Ordinal)
            .Take(query.Limit + 1).ToList();
        var more = page.Count > query.Limit;
        if (more) page.RemoveAt(page.Count - 1);
        return new CasePage([.. page.Select(r => Summary(r.Case, r.Name, calendar, today))], more ? CaseWindow.Cursor(page[^1].Case) : null);
    }

    /// <summary>As lists show a case: the days left counted only while the legal clock runs (as for the overdue search).</summary>
    internal static CaseSummary Summary(Case c, string? procedureName, WorkingCalendar calendar, DateOnly today) => new(
        c.Id, c.DefinitionId, c.Version, procedureName, c.Status, c.Outcome, c.Applicant, c.StartedBy, c.CreatedAt, c.UpdatedAt,
        c.ClockDueDate, c is { Status: CaseStatus.Running, LegalClock: ClockStatus.Running } ? WorkingDaysLeft.Until(calendar, today, c.ClockDueDate) : null,
        c.ParentCaseId, c.LegalClock, c.ClockExtended);
}

/// <summary>Filters of a case list; all optional.</summary>
public sealed record CaseQuery
{
    /// <summary>The procedure (definition id).</summary>
    public string? Procedure { get; init; }
    public CaseStatus? Status { get; init; }
    /// <summary>Cases with a task of this department anywhere in their tree.</summary>
    public string? Department { get; init; }
    public string? Applicant { get; init; }
    /// <summary>Cases applied for online under this matter (事项 code).</summary>
    public string? Matter { get; init; }
    /// <summary>The decision the case ended with, e.g. approved.</summary>
    public string? Outcome { get; init; }
    /// <summary>Received on or after this day (China time).</summary>
    public DateOnly? From { get; init; }
    /// <summary>Received on or before this day (China time).</summary>
    public DateOnly? To { get; init; }
    /// <summary>True: the legal clock is suspended now (a hearing, an expert review ...); false: the others.</summary>
    public bool? Suspended { get; init; }
    /// <summary>True: the legal limit was extended (art. 42); false: the others.</summary>
    public bool? Extended { get; init; }
    /// <summary>True: running cases whose legal clock runs past its decision day (not stopped, not suspended); false: the others.</summary>
    public bool? Overdue { get; init; }
    /// <summary>The cursor of the previous page's last row.</summary>
    public string? After { get; init; }
    public int Limit { get; init; } = 50;
}

/// <summary>One page of cases and the cursor of the next (null on the last page).</summary>
public sealed record CasePage(IReadOnlyList<CaseSummary> Cases, string? NextCursor);
