using CloudApproval.Cases.Efficiency;
using CloudApproval.Cases.Tests.Support;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using static CloudApproval.Cases.Tests.Efficiency.EfficiencyScenario;

namespace CloudApproval.Cases.Tests.Efficiency;

/// <summary>The recurring on-time check, run by the real Hangfire server: last month's late decisions alert the head once.</summary>
public sealed class OnTimeAlertTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private readonly ManualClock _clock = new(ManualClock.MondayMorning);

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, _clock);
        await _host.ImportAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>Triggers the recurring job now and waits until Hangfire reports it succeeded.</summary>
    private async Task RunTheRecurringJobAsync()
    {
        var jobId = ((IRecurringJobManagerV2)_host.Get<IRecurringJobManager>()).TriggerJob(OnTimeAlertCheck.JobId);
        var monitor = _host.Get<JobStorage>().GetMonitoringApi();
        await Poll.UntilAsync(() => Task.FromResult(monitor.JobDetails(jobId)?.History.Any(h => h.StateName == "Succeeded") == true),
            "the on-time check to succeed");
    }

    private async Task<List<OnTimeAlert>> AlertsAsync()
    {
        await using var db = _host.Db();
        return await db.OnTimeAlerts.AsNoTracking().ToListAsync();
    }

    [Test]
    public async Task A_matter_decided_late_last_month_alerts_its_departments_head_once_however_often_the_job_runs()
    {
        var scenario = new EfficiencyScenario(_host, _clock);
        // Accepted Monday 2 February: the 20 working days (调休 Saturdays counted) end on Friday 6 March; decided on the 9th.
        var late = await scenario.ReceivedAsync(2, 2);
        await scenario.AcceptedAsync(late, 2, 2);
        await scenario.ApprovedAsync(late, 3, 9);
        scenario.At(4, 2);
        await _host.StartTimerServerAsync();

        await RunTheRecurringJobAsync();
        await RunTheRecurringJobAsync();

        var alert = (await AlertsAsync()).Single();
        Assert.That((alert.MatterCode, alert.Department, alert.PeriodFrom, alert.PeriodTo, alert.Decided, alert.WithinLegal, alert.OnTimePercent, alert.ThresholdPercent),
            Is.EqualTo(("food-business-licence", "market-supervision", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), 1, 0, 0.0, 90.0)));
        var figures = _host.Get<EfficiencyFigures>();
        var zhous = await figures.RunAsync(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), null, null, HeadZhou);
        Assert.That(zhous.Alerts.Select(a => a.Matter), Is.EqualTo(new[] { "food-business-licence" }), "the head sees it on this month's dashboard");
        var wus = await figures.RunAsync(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), null, null, HeadWu);
        Assert.That(wus.Alerts, Is.Empty, "another department's head does not");
    }

    [Test]
    public async Task A_month_decided_on_time_raises_nothing()
    {
        var scenario = new EfficiencyScenario(_host, _clock);
        var onTime = await scenario.ReceivedAsync(3, 2);
        await scenario.AcceptedAsync(onTime, 3, 2);
        await scenario.ApprovedAsync(onTime, 3, 4);
        scenario.At(4, 2);

        Assert.That(await _host.Get<OnTimeAlertCheck>().RunAsync(), Is.Zero);
        Assert.That(await AlertsAsync(), Is.Empty);
    }
}
