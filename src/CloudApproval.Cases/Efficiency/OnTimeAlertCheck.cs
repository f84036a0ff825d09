using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CloudApproval.Cases.Efficiency;

/// <summary>
/// The recurring check (daily) of last month's on-time rates: every matter whose decisions came within the legal limit
/// less often than <see cref="CasesSettings.OnTimeAlertPercent"/> gets one alert for its department's head. Run twice,
/// daily through the month, or on two nodes at once, it raises each matter's alert for a month once (unique per matter
/// and period). The figures are the dashboard's own, so the alert and the page never disagree.
/// </summary>
public sealed class OnTimeAlertCheck(EfficiencyFigures figures, CasesDbFactory factory, CasesSettings settings, TimeProvider time, ILogger<OnTimeAlertCheck> logger)
{
    /// <summary>The Hangfire recurring job's id.</summary>
    public const string JobId = "efficiency-on-time-alerts";

    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var from = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var to = from.AddMonths(1).AddDays(-1);
        var report = await figures.RunAsync(from, to, null, null, Actor.System("on-time-alerts"), cancellationToken);
        var threshold = settings.OnTimeAlertPercent;
        await using var db = factory.CreateDbContext();
        var raisedBefore = await db.OnTimeAlerts.AsNoTracking().Where(a => a.PeriodFrom == from).Select(a => a.MatterCode).ToListAsync(cancellationToken);
        var raised = 0;
        foreach (var matter in report.Matters.Where(m => m.OnTimeLegalPercent < threshold && !raisedBefore.Contains(m.Code)))
        {
            db.OnTimeAlerts.Add(new OnTimeAlert
            {
                MatterCode = matter.Code,
                Department = matter.Department,
                PeriodFrom = from,
                PeriodTo = to,
                Decided = matter.Decided,
                WithinLegal = matter.WithinLegal,
                OnTimePercent = matter.OnTimeLegalPercent!.Value,
                ThresholdPercent = threshold,
                RaisedAt = now.UtcDateTime,
            });
            raised++;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (WriteConflicts.IsLostRace(ex))
        {
            // Another run raised them first; tomorrow's run picks up any it did not.
            logger.LogInformation("On-time check: another run raised the alerts first");
            return 0;
        }
        if (raised > 0) logger.LogWarning("{Count} matter(s) decided within the legal limit less often than {Threshold}% in {From:yyyy-MM}", raised, threshold, from);
        return raised;
    }
}
