using CloudApproval.Cases.Instances;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Cases.Licences;

/// <summary>The renewal timers of a licence (art. 50): reminders some days before its last valid day, and its expiry.</summary>
internal static class LicenceRenewal
{
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

    private static LicenceReminder New(Licence licence, string kind, DateOnly until, DateTime due) => new()
    {
        LicenceNumber = licence.Number,
        Kind = kind,
        ForUntil = until,
        DueAt = due,
        Status = LicenceReminderStatus.Pending,
    };
}
