using CloudApproval.Cases.Access;
using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Alerts;

/// <summary>
/// A member of staff's alerts, newest first: reminders sent to them, and for a head the on-time alerts of their
/// departments (delivered into their mailbox when they first look, so each head reads them once). Reading the list
/// marks what it shows read.
/// </summary>
public sealed class StaffAlerts(CasesDbFactory factory, TimeProvider time)
{
    public const int Listed = 100;

    public async Task<IReadOnlyList<StaffAlertView>> OpenAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireStaff(actor);
        await using var db = factory.CreateDbContext();
        await DeliverOnTimeAlertsAsync(db, actor, cancellationToken);
        var me = actor.Id;
        var rows = await db.StaffAlerts.Where(a => a.Recipient == me).OrderByDescending(a => a.SentAt).ThenByDescending(a => a.Id)
            .Take(Listed).ToListAsync(cancellationToken);
        var views = rows.Select(a => new StaffAlertView(a.Id, a.Kind, a.Department, a.TaskId, a.CaseId, a.Subject, a.Message, a.SentBy, a.SentAt, a.ReadAt)).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var row in rows.Where(a => a.ReadAt is null)) row.ReadAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return views;
    }

    /// <summary>How many are unread (the menu's badge); on-time alerts not yet delivered count too.</summary>
    public async Task<int> UnreadCountAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!CaseAccess.IsStaff(actor)) return 0;
        await using var db = factory.CreateDbContext();
        var me = actor.Id;
        var unread = await db.StaffAlerts.CountAsync(a => a.Recipient == me && a.ReadAt == null, cancellationToken);
        return unread + await Undelivered(db, actor).CountAsync(cancellationToken);
    }

    private static async Task DeliverOnTimeAlertsAsync(CasesDbContext db, Actor actor, CancellationToken ct)
    {
        foreach (var alert in await Undelivered(db, actor).ToListAsync(ct))
        {
            db.StaffAlerts.Add(new StaffAlert
            {
                Recipient = actor.Id,
                Kind = StaffAlertKinds.OnTime,
                Department = alert.Department,
                Subject = alert.MatterCode,
                Message = $"{alert.PeriodFrom:yyyy-MM-dd}..{alert.PeriodTo:yyyy-MM-dd}: {alert.WithinLegal}/{alert.Decided} within the legal limit ({alert.OnTimePercent:0.#}% < {alert.ThresholdPercent:0.#}%)",
                SentBy = "system:on-time-alerts",
                SentAt = alert.RaisedAt,
                OnTimeAlertId = alert.Id,
            });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (WriteConflicts.IsLostRace(ex))
        {
            // The same mailbox opened twice at once: the other opening delivered them (unique per head and alert).
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The on-time alerts of a head's departments not yet in their mailbox (none for a clerk).</summary>
    private static IQueryable<Efficiency.OnTimeAlert> Undelivered(CasesDbContext db, Actor actor)
    {
        if (!actor.Has(ActorRoles.DepartmentHead)) return db.OnTimeAlerts.Where(_ => false);
        var me = actor.Id;
        var departments = actor.Departments.ToList();
        return db.OnTimeAlerts.AsNoTracking().Where(a => departments.Contains(a.Department)
            && !db.StaffAlerts.Any(s => s.Recipient == me && s.OnTimeAlertId == a.Id));
    }

    private static void RequireStaff(Actor actor)
    {
        if (!CaseAccess.IsStaff(actor))
            throw new CasesException("forbidden", $"{actor.Id} has no alerts: alerts are for clerks and department heads");
    }
}
