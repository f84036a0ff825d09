using CloudApproval.Cases.Access;
using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CloudApproval.Cases.Licences;

/// <summary>
/// The recurring check (hourly) for licences not delivered within <see cref="CasesSettings.LicenceDeliveryWorkingDays"/>
/// working days of their issue (the decision), on the official calendar: one alert per licence for the head of its
/// department. Run twice, or on two nodes at once, it raises each alert once (unique per licence).
/// </summary>
public sealed class DeliveryCheck(CasesDbFactory factory, WorkingCalendar calendar, CasesSettings settings, TimeProvider time, ILogger<DeliveryCheck> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        // N working days are never fewer than N calendar days: nothing issued since then can be late yet.
        var before = now.UtcDateTime.AddDays(-settings.LicenceDeliveryWorkingDays);
        await using var db = factory.CreateDbContext();
        var candidates = await db.Licences.AsNoTracking()
            .Where(l => l.DeliveredAt == null && l.Status == LicenceStatus.Valid && l.Department != null && l.IssuedAt < before
                && !db.DeliveryAlerts.Any(a => a.LicenceNumber == l.Number))
            .Select(l => new { l.Number, l.Department, l.IssuedAt })
            .ToListAsync(cancellationToken);
        var raised = 0;
        foreach (var licence in candidates)
        {
            var due = calendar.AddWorkingDays(ChinaTime.DateOf(new DateTimeOffset(licence.IssuedAt, TimeSpan.Zero)), settings.LicenceDeliveryWorkingDays).Value;
            if (today <= due) continue;
            db.DeliveryAlerts.Add(new DeliveryAlert { LicenceNumber = licence.Number, Department = licence.Department!, DueDate = due, RaisedAt = now.UtcDateTime });
            raised++;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (WriteConflicts.IsLostRace(ex))
        {
            // Another node raised them first; the next run picks up any it did not.
            logger.LogInformation("Delivery check: another run raised the alerts first");
            return 0;
        }
        if (raised > 0) logger.LogWarning("{Count} licence(s) not delivered within {Days} working days", raised, settings.LicenceDeliveryWorkingDays);
        return raised;
    }
}

/// <summary>The open delivery alerts the head of a department sees (admins and auditors: every department's).</summary>
public sealed class DeliveryAlerts(CasesDbFactory factory)
{
    public async Task<IReadOnlyList<DeliveryAlertView>> OpenAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var all = CaseAccess.ReadsAll(actor);
        if (!all) actor.RequireRole("read delivery alerts", ActorRoles.DepartmentHead);
        var mine = actor.Departments.ToList();
        await using var db = factory.CreateDbContext();
        return await db.DeliveryAlerts.AsNoTracking()
            .Where(a => a.ResolvedAt == null && (all || mine.Contains(a.Department)))
            .OrderBy(a => a.DueDate).ThenBy(a => a.Id)
            .Select(a => new DeliveryAlertView(a.LicenceNumber, a.Department, a.DueDate, a.RaisedAt))
            .ToListAsync(cancellationToken);
    }
}

public sealed record DeliveryAlertView(string LicenceNumber, string Department, DateOnly DueDate, DateTime RaisedAt);
