using System.Globalization;
using CloudApproval.Cases.Access;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Cases.Instances;

/// <summary>
/// The stretch of a case list by creation time: received from / to (China days) and after a page's cursor, newest first.
/// Applied to the cases and to rows dated with their root's creation (<see cref="WorkingDepartment"/>) alike.
/// </summary>
internal sealed record CaseWindow(DateTime? Start, DateTime? End, DateTime? Created, string? Id)
{
    public static CaseWindow Of(CaseQuery query)
    {
        // Days as the applicant and the office count them, in China time.
        var start = query.From is { } from ? ChinaTime.StartOf(from).UtcDateTime : (DateTime?)null;
        var end = query.To is { } to ? ChinaTime.EndOf(to).UtcDateTime : (DateTime?)null;
        if (query.After is not { } cursor) return new(start, end, null, null);
        var (created, id) = ParseCursor(cursor);
        return new(start, end, created, id);
    }

    public IQueryable<Case> Apply(IQueryable<Case> cases)
    {
        if (Start is { } start) cases = cases.Where(c => c.CreatedAt >= start);
        if (End is { } end) cases = cases.Where(c => c.CreatedAt < end);
        if (Created is { } created && Id is { } id)
            // The first term says the same as the second and lets the database seek to the cursor in the (…, created, id)
            // index instead of reading every newer case on the way to it.
            cases = cases.Where(c => c.CreatedAt <= created && (c.CreatedAt < created || (c.CreatedAt == created && string.Compare(c.Id, id) < 0)));
        return cases;
    }

    public IQueryable<WorkingDepartment> Apply(IQueryable<WorkingDepartment> rows)
    {
        if (Start is { } start) rows = rows.Where(w => w.CreatedAt >= start);
        if (End is { } end) rows = rows.Where(w => w.CreatedAt < end);
        if (Created is { } created && Id is { } id)
            rows = rows.Where(w => w.CreatedAt <= created && (w.CreatedAt < created || (w.CreatedAt == created && string.Compare(w.RootCaseId, id) < 0)));
        return rows;
    }

    public static string Cursor(Case c) => $"{c.CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture)}.{c.Id}";

    private static (DateTime Created, string Id) ParseCursor(string cursor)
    {
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && dot < cursor.Length - 1
            && long.TryParse(cursor.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks)
            return (new DateTime(ticks, DateTimeKind.Utc), cursor[(dot + 1)..]);
        throw new CasesException("invalid-input", $"'{cursor}' is not a page cursor returned by a previous page");
    }
}
