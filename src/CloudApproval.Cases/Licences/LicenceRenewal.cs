using System.Globalization;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Applications;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Licences;

/// <summary>
/// A licence's renewal (延续, art. 50): its timers (reminders some days before its last valid day, and its expiry), the
/// renewal deemed granted when a renewal applied for in time is still undecided on that day, and the licence a decided
/// renewal issues, which continues the renewed one without a gap.
/// </summary>
internal static class LicenceRenewal
{
    private static readonly Actor Renewal = Actor.System("licence-renewal");

    /// <summary>
    /// The timers for the licence's current last day: a reminder at 09:00 China time <c>n</c> days before it (none that
    /// would already be due, as for a licence shorter than the reminder), and the expiry at the end of that day.
    /// </summary>
    public static IEnumerable<LicenceReminder> Plan(Licence licence, IEnumerable<int> daysBefore, DateTime now)
    {
        var until = licence.EffectiveUntil;
        foreach (var days in daysBefore.Distinct().Where(d => d > 0))
        {
            var due = ChinaTime.StartOf(until.AddDays(-days)).AddHours(9).UtcDateTime;
            if (due <= now) continue;
            yield return New(licence, LicenceReminder.RemindKind(days), until, due);
        }
        yield return New(licence, LicenceReminder.Expire, until, ChinaTime.EndOf(until).UtcDateTime);
    }

    /// <summary>Cancels the licence's pending timers (staged or stored): their jobs find them no longer pending.</summary>
    public static async Task CancelPendingAsync(CasesDbContext db, string number, DateTime now, CancellationToken ct)
    {
        var pending = await db.LicenceReminders.Where(r => r.LicenceNumber == number && r.Status == LicenceReminderStatus.Pending).ToListAsync(ct);
        pending.AddRange(db.LicenceReminders.Local.Where(r => r.LicenceNumber == number && r.Status == LicenceReminderStatus.Pending));
        foreach (var row in pending.Distinct())
        {
            row.Status = LicenceReminderStatus.Cancelled;
            row.DoneAt = now;
        }
    }

    /// <summary>
    /// The renewal applied for in time and still undecided when the licence reaches its last day: its application and
    /// case, or null. Every submitted renewal was applied for in time (<see cref="RenewalRules"/> refuses a late one).
    /// </summary>
    public static Task<Application?> UndecidedAsync(CasesDbContext db, string number, CancellationToken ct) =>
        RenewalRules.Pending(db, number).OrderBy(a => a.SubmittedAt).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Art. 50: the authority did not decide a timely renewal before the licence's last day, so the licence counts as
    /// renewed: it holds for one more period of its validity, the holder is told, and new timers are planned.
    /// </summary>
    public static async Task DeemAsync(CasesDbContext db, Case licenceCase, Licence licence, Application renewal, IEnumerable<int> reminderDays, DateTime now,
        List<LicenceReminder> planned, CancellationToken ct)
    {
        var before = licence.EffectiveUntil;
        var from = before.AddDays(1);
        licence.DeemedRenewedAt = now;
        licence.DeemedRenewedFrom = from;
        licence.ExtendedUntil = SamePeriod(from, licence.ValidFrom, licence.ValidUntil);
        licence.ExtensionNoticeId = null;
        await CancelPendingAsync(db, licence.Number, now, ct);
        foreach (var reminder in Plan(licence, reminderDays, now))
        {
            db.LicenceReminders.Add(reminder);
            planned.Add(reminder);
        }
        var data = new JsonObject { ["previousUntil"] = Day(before), ["validUntil"] = Day(licence.EffectiveUntil), ["renewalCase"] = renewal.CaseId };
        LicenceNotices.Send(db, licence, LicenceNotices.DeemedRenewed, now, data);
        licenceCase.RowVersion++;
        var detail = new JsonObject
        {
            ["licence"] = licence.Number, ["before"] = Day(before), ["after"] = Day(licence.EffectiveUntil),
            ["renewalApplication"] = renewal.Id, ["renewalCase"] = renewal.CaseId, ["legalBasis"] = "Administrative Licensing Law art. 50",
        };
        db.AuditEntries.Add(AuditChain.Append(licenceCase, Renewal.Recorded, "licence-deemed-renewed", detail.ToJsonString(), now));
    }

    /// <summary>
    /// The validity a decided renewal issues: the same length as the engine computed from today, but beginning the day
    /// after the renewed licence's term (the one it was deemed renewed for, if it was), so that no day is left uncovered.
    /// </summary>
    public static LicenceIssued Continuing(Licence renewed, LicenceIssued issued)
    {
        var from = renewed.DeemedRenewedFrom ?? renewed.EffectiveUntil.AddDays(1);
        return issued with { ValidFrom = from, ValidUntil = SamePeriod(from, issued.ValidFrom, issued.ValidUntil) };
    }

    /// <summary>
    /// The renewed licence gives way to its successor: it holds until the day before the successor begins (a deemed
    /// term ends there too), its timers stop, and its case's chain records the renewal.
    /// </summary>
    public static async Task SupersedeAsync(CasesDbContext db, Licence renewed, Licence successor, string renewalCaseId, DateTime now, CancellationToken ct)
    {
        var before = renewed.EffectiveUntil;
        renewed.RenewedBy = successor.Number;
        if (renewed.DeemedRenewedAt is not null) renewed.ExtendedUntil = successor.ValidFrom.AddDays(-1);
        await CancelPendingAsync(db, renewed.Number, now, ct);
        var licenceCase = db.Cases.Local.SingleOrDefault(x => x.Id == renewed.CaseId) ?? await db.Cases.SingleAsync(x => x.Id == renewed.CaseId, ct);
        licenceCase.RowVersion++;
        var detail = new JsonObject
        {
            ["licence"] = renewed.Number, ["renewedBy"] = successor.Number, ["renewalCase"] = renewalCaseId,
            ["before"] = Day(before), ["after"] = Day(renewed.EffectiveUntil), ["successorFrom"] = Day(successor.ValidFrom),
        };
        db.AuditEntries.Add(AuditChain.Append(licenceCase, Renewal.Recorded, "licence-renewed", detail.ToJsonString(), now));
    }

    /// <summary>
    /// The last day of a period as long as <paramref name="validFrom"/>..<paramref name="validUntil"/>, beginning on
    /// <paramref name="from"/>: whole months (years) when it was whole months, so it stays leap-safe; else as many days.
    /// </summary>
    internal static DateOnly SamePeriod(DateOnly from, DateOnly validFrom, DateOnly validUntil)
    {
        var end = validUntil.AddDays(1);
        var months = (end.Year - validFrom.Year) * 12 + end.Month - validFrom.Month;
        // One month fewer when the first term began on a day its last month lacks (29 February + 1y ends 28 February).
        foreach (var m in new[] { months, months - 1 }.Where(m => m > 0))
        {
            var period = new Duration(m, DurationUnit.Months);
            if (period.LastDayFrom(validFrom) == validUntil) return period.LastDayFrom(from);
        }
        return from.AddDays(validUntil.DayNumber - validFrom.DayNumber);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static LicenceReminder New(Licence licence, string kind, DateOnly until, DateTime due) => new()
    {
        LicenceNumber = licence.Number,
        Kind = kind,
        ForUntil = until,
        DueAt = due,
        Status = LicenceReminderStatus.Pending,
    };
}
