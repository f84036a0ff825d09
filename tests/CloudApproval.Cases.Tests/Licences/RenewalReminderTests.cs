using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Licences;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CloudApproval.Cases.Tests.Licences.LicenceFixture;

namespace CloudApproval.Cases.Tests.Licences;

/// <summary>
/// Renewal timers (art. 50) through a real Hangfire server: a 61-day licence issued on 2 March 2026 (last day 1 May) is
/// reminded 30 days before (the 60-day reminder would already be due) and expires when 1 May ends, each exactly once.
/// </summary>
public sealed class RenewalReminderTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private readonly ManualClock _clock = new(ManualClock.MondayMorning);

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, _clock, configure: s => s with { SealKeysFolder = _folder.File("seals") });
        await _host.ImportAsync();
        var workflows = _folder.File("test-workflows");
        Procedures.Write(workflows, IssueAtOnce("61d"));
        await _host.ImportAsync(workflows);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<List<LicenceReminder>> RemindersAsync()
    {
        await using var db = _host.Db();
        return await db.LicenceReminders.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
    }

    private async Task<int> NoticesAsync(string type)
    {
        await using var db = _host.Db();
        return await db.Notices.CountAsync(n => n.NoticeType == type);
    }

    [Test]
    public async Task TheHolderIsRemindedOnce_AndTheLicenceExpiresOnce_ThroughHangfire()
    {
        var caseId = (await _host.Runtime.StartAsync("issue-at-once", null, null, Actor.Operator("applicant-chen"))).CaseId;
        var licence = await LicenceOfAsync(_host, caseId);
        Assert.That(licence.ValidUntil, Is.EqualTo(new DateOnly(2026, 5, 1)));
        var reminders = await RemindersAsync();
        Assert.That(reminders.Select(r => r.Kind), Is.EqualTo(new[] { "remind-30", "expire" }));
        Assert.That(reminders.Select(r => r.HangfireJobId), Has.All.Null, "months ahead: no Hangfire job yet");
        await _host.StartTimerServerAsync();
        var scheduler = _host.Get<LicenceReminderScheduler>();

        _clock.Set(new DateTimeOffset(2026, 4, 1, 9, 30, 0, TimeSpan.FromHours(8)));
        await scheduler.ReconcileAsync();
        await Poll.UntilAsync(async () => (await RemindersAsync())[0].Status == LicenceReminderStatus.Done, "the 30-day reminder");
        Assert.That(await NoticesAsync("licence-renewal-reminder"), Is.EqualTo(1));
        Assert.That((await LicenceAsync(_host, licence.Number)).Status, Is.EqualTo(LicenceStatus.Valid));

        _clock.Set(new DateTimeOffset(2026, 5, 2, 0, 0, 1, TimeSpan.FromHours(8)));
        await scheduler.ReconcileAsync();
        await Poll.UntilAsync(async () => (await RemindersAsync())[1].Status == LicenceReminderStatus.Done, "the expiry");
        var expired = await LicenceAsync(_host, licence.Number);
        Assert.That((expired.Status, expired.ExpiredAt), Is.EqualTo((LicenceStatus.Expired, (DateTime?)_clock.GetUtcNow().UtcDateTime)));

        // Hangfire runs a job at least once: running both again changes nothing.
        foreach (var reminder in reminders) await _host.Get<LicenceReminderJob>().FireAsync(reminder.Id, CancellationToken.None);
        Assert.That((await NoticesAsync("licence-renewal-reminder"), await NoticesAsync("licence-expired")), Is.EqualTo((1, 1)));
        Assert.That((await _host.AuditAsync(caseId)).Count(e => e.Action is "licence-renewal-reminded" or "licence-expired"), Is.EqualTo(2));
        Assert.That((await _host.Get<VerifyLicence>().RunAsync(licence.Number)).Status, Is.EqualTo("expired"));
        Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Actor.Operator("auditor")), Is.Empty);
    }
}
