using System.Globalization;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Instances;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CloudApproval.Cases.Licences;

/// <summary>
/// Applies an extension notice in batches, each one transaction: every licence in it is extended, recorded once
/// (<see cref="LicenceExtension"/>, unique per notice and licence), its holder notified, its renewal timers replanned for
/// the new day, and an audit entry appended on its case's chain. A job that dies mid-way (or runs twice) resumes where
/// the records say it stopped: a licence already extended by the notice is never selected again.
/// </summary>
public sealed class ExtensionJob(CaseRuntime runtime, LicenceReminderScheduler reminders, CasesSettings settings, TimeProvider time,
    ExtensionJobHooks hooks, ILogger<ExtensionJob> logger)
{
    public const int BatchSize = 200;

    private static readonly Actor Job = Actor.System("extension-notice");

    [AutomaticRetry(Attempts = 10)]
    public async Task RunAsync(long noticeId, CancellationToken cancellationToken)
    {
        for (var batch = 1; ; batch++)
        {
            var planned = new List<LicenceReminder>();
            var extended = await runtime.InTransactionAsync(Job, async (db, _, ct) =>
            {
                planned.Clear();
                var notice = await db.ExtensionNotices.SingleOrDefaultAsync(n => n.Id == noticeId, ct);
                if (notice is not { Status: ExtensionNoticeStatus.Applying }) return 0;
                var now = time.GetUtcNow().UtcDateTime;
                var licences = await ExtensionNotices.Pending(db, notice).OrderBy(l => l.Id).Take(BatchSize).ToListAsync(ct);
                if (licences.Count == 0)
                {
                    notice.Status = ExtensionNoticeStatus.Applied;
                    notice.AppliedAt = now;
                    notice.RowVersion++;
                    return 0;
                }
                var caseIds = licences.Select(l => l.CaseId).Distinct().ToList();
                var cases = await db.Cases.Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
                var numbers = licences.Select(l => l.Number).ToList();
                var pending = await db.LicenceReminders.Where(r => numbers.Contains(r.LicenceNumber) && r.Status == LicenceReminderStatus.Pending).ToListAsync(ct);
                foreach (var licence in licences)
                {
                    var before = licence.EffectiveUntil;
                    var after = notice.NewUntil(before);
                    db.LicenceExtensions.Add(new LicenceExtension { NoticeId = notice.Id, LicenceId = licence.Id, PreviousUntil = before, NewUntil = after, At = now });
                    licence.ExtendedUntil = after;
                    licence.ExtensionNoticeId = notice.Id;
                    foreach (var old in pending.Where(r => r.LicenceNumber == licence.Number))
                    {
                        old.Status = LicenceReminderStatus.Cancelled;
                        old.DoneAt = now;
                    }
                    foreach (var reminder in LicenceRenewal.Plan(licence, settings.LicenceReminderDays, now))
                    {
                        db.LicenceReminders.Add(reminder);
                        planned.Add(reminder);
                    }
                    LicenceNotices.Send(db, licence, LicenceNotices.Extended, now, new JsonObject
                    {
                        ["extensionNotice"] = notice.Id,
                        ["validUntil"] = Day(after),
                        ["legalBasis"] = notice.LegalBasis,
                    });
                    var c = cases[licence.CaseId];
                    c.RowVersion++;
                    var detail = new JsonObject { ["licence"] = licence.Number, ["extensionNotice"] = notice.Id, ["before"] = Day(before), ["after"] = Day(after) };
                    db.AuditEntries.Add(AuditChain.Append(c, Job.Recorded, "licence-extended", detail.ToJsonString(), now));
                }
                return licences.Count;
            }, cancellationToken);
            if (planned.Count > 0) await reminders.DispatchCommittedAsync(planned, cancellationToken);
            if (extended == 0) return;
            logger.LogInformation("Extension notice {NoticeId}: batch {Batch} extended {Count} licence(s)", noticeId, batch, extended);
            hooks.AfterBatch?.Invoke(noticeId, batch);
            if (hooks.PauseAfterBatch > TimeSpan.Zero) await Task.Delay(hooks.PauseAfterBatch, time, cancellationToken);
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Seams for crash tests, after each committed batch: a test throws there to kill the job mid-way, or pauses there.</summary>
public sealed class ExtensionJobHooks
{
    public Action<long, int>? AfterBatch { get; set; }

    /// <summary>
    /// A pause after each committed batch (zero: none). A test that kills the whole process running the job (a node)
    /// cannot throw in it; the pause holds the job between two batches long enough to be killed there.
    /// </summary>
    public TimeSpan PauseAfterBatch { get; init; }
}
