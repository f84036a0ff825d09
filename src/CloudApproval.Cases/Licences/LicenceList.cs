using CloudApproval.Cases.Access;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Licences;

/// <summary>
/// Licences as their readers see them: an applicant their own (<see cref="MineAsync"/>), staff their departments'
/// (<see cref="OfDepartmentAsync"/>; auditors and admins any department's). A licence the reader may not see is unknown.
/// </summary>
public sealed class LicenceList(CasesDbFactory factory)
{
    public const int MaxPage = 500;

    public async Task<IReadOnlyList<LicenceDetail>> MineAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireRole("list their licences", ActorRoles.Applicant);
        await using var db = factory.CreateDbContext();
        var rows = await db.Licences.AsNoTracking().Where(l => l.Holder == actor.Id).OrderByDescending(l => l.Id).Take(MaxPage).ToListAsync(cancellationToken);
        return rows.Select(LicenceDetail.Of).ToList();
    }

    /// <summary>One licence the actor may see (their own, or their department's), with its sealed content.</summary>
    public async Task<LicenceDetail> GetAsync(string number, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        var licence = await db.Licences.AsNoTracking().SingleOrDefaultAsync(l => l.Number == number, cancellationToken);
        if (licence is null || !LicenceAccess.CanSee(actor, licence)) throw LicenceAccess.Unknown(number);
        return LicenceDetail.Of(licence);
    }

    /// <summary>
    /// A department's licences, newest first (<paramref name="undelivered"/>: only those not yet delivered). Clerks and
    /// heads name one of their departments (their only one by default); auditors and admins any.
    /// </summary>
    public async Task<IReadOnlyList<LicenceDetail>> OfDepartmentAsync(string? department, LicenceStatus? status, bool undelivered, int limit, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (limit is < 1 or > MaxPage) throw new CasesException("invalid-input", $"limit: {limit} is out of range 1..{MaxPage}");
        if (!CaseAccess.ReadsAll(actor))
        {
            actor.RequireRole("list a department's licences", ActorRoles.Clerk, ActorRoles.DepartmentHead);
            if (department is null && actor.Departments.Count == 1) department = actor.Departments.First();
            if (department is null) throw new CasesException("invalid-input", $"department: {actor.Id} works in several departments; name one of {string.Join(", ", actor.Departments)}");
            if (!actor.InDepartment(department)) throw new CasesException("forbidden", $"{actor.Id} may not list the licences of {department}: only its own department's");
        }
        await using var db = factory.CreateDbContext();
        var rows = await db.Licences.AsNoTracking()
            .Where(l => department == null || l.Department == department)
            .Where(l => status == null || l.Status == status)
            .Where(l => !undelivered || l.DeliveredAt == null)
            .OrderByDescending(l => l.Id).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(LicenceDetail.Of).ToList();
    }
}

/// <summary>A licence as its holder and staff see it.</summary>
public sealed record LicenceDetail(
    string Number,
    string CaseId,
    string LicenceType,
    string? MatterCode,
    string? Department,
    string? HolderName,
    LicenceStatus Status,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    DateOnly? ExtendedUntil,
    long? ExtensionNoticeId,
    DateTime IssuedAt,
    DateTime? DeliveredAt,
    string? DeliveredBy,
    DateTime? RevokedAt,
    string? RevocationReason,
    DateTime? ExpiredAt,
    LicenceContent? Content)
{
    public static LicenceDetail Of(Licence l) => new(l.Number, l.CaseId, l.LicenceType, l.MatterCode, l.Department, l.HolderName, l.Status,
        l.ValidFrom, l.ValidUntil, l.ExtendedUntil, l.ExtensionNoticeId, l.IssuedAt, l.DeliveredAt, l.DeliveredBy, l.RevokedAt, l.RevocationReason,
        l.ExpiredAt, LicenceContent.TryRead(l.ContentJson));
}
