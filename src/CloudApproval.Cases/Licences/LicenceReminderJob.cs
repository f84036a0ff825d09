using System.Text.Json.Nodes;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CloudApproval.Cases.Licences;

/// <summary>
/// Fires one licence timer: sends the holder a renewal reminder, or marks the licence expired. Hangfire runs a job at
/// least once, so the row's status is the guard, changed in the same transaction as the notice and the licence (and the
/// case row's concurrency token makes two runs at once serialise): each timer acts exactly once. A licence whose renewal
/// was applied for in time and is still undecided on its last day does not expire: it counts as renewed (art. 50).
/// </summary>
public sealed class LicenceReminderJob(CaseRuntime runtime, LicenceReminderScheduler scheduler, CasesSettings settings, TimeProvider time,
    ILogger<LicenceReminderJob> logger)
{
    private static readonly Actor Timer = Actor.System("licence-timer");

    [AutomaticRetry(Attempts = 5)]
    public async Task FireAsync(long reminderId, CancellationToken cancellationToken)
    {
        var planned = new List<LicenceReminder>();
        var early = await runtime.InTransactionAsync(Timer, async (db, _, ct) =>
        {
            planned.Clear(); // a retried transaction plans afresh
            var row = await db.LicenceReminders.SingleOrDefaultAsync(r => r.Id == reminderId, ct);
            if (row is null || row.Status != LicenceReminderStatus.Pending) return false;
            var now = time.GetUtcNow().UtcDateTime;
            if (row.DueAt > now)
            {
                // Fired early (clock skew between nodes): handed back to Hangfire for the right time.
                row.HangfireJobId = null;
                return true;
            }
            var licence = await db.Licences.SingleAsync(l => l.Number == row.LicenceNumber, ct);
            row.DoneAt = now;
            if (licence.Status != LicenceStatus.Valid || licence.EffectiveUntil != row.ForUntil || licence.RenewedBy is not null)
            {
                // Revoked, expired, extended or renewed since it was planned: nothing to say any more.
                row.Status = LicenceReminderStatus.Cancelled;
                return false;
            }
            row.Status = LicenceReminderStatus.Done;
            var c = await db.Cases.SingleAsync(x => x.Id == licence.CaseId, ct);
            var expiring = row.Kind == LicenceReminder.Expire;
            if (expiring && await LicenceRenewal.UndecidedAsync(db, licence.Number, ct) is { } renewal)
            {
                await LicenceRenewal.DeemAsync(db, c, licence, renewal, settings.LicenceReminderDays, now, planned, ct);
                return false;
            }
            if (expiring)
            {
                licence.Status = LicenceStatus.Expired;
                licence.ExpiredAt = now;
            }
            LicenceNotices.Send(db, licence, expiring ? LicenceNotices.Expired : LicenceNotices.RenewalReminder, now, new JsonObject
            {
                ["validUntil"] = licence.EffectiveUntil.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["timer"] = row.Kind,
            });
            c.RowVersion++;
            var detail = new JsonObject { ["licence"] = licence.Number, ["timer"] = row.Kind, ["validUntil"] = licence.EffectiveUntil.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
            db.AuditEntries.Add(AuditChain.Append(c, Timer.Recorded, expiring ? "licence-expired" : "licence-renewal-reminded", detail.ToJsonString(), now));
            return false;
        }, cancellationToken);
        if (planned.Count > 0) await scheduler.DispatchCommittedAsync(planned, cancellationToken);
        if (early)
        {
            logger.LogDebug("Licence timer {ReminderId} fired early; rescheduled", reminderId);
            await scheduler.DispatchAsync([reminderId], cancellationToken);
        }
    }
}
