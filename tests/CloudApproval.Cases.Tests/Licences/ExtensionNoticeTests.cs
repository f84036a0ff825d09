using System.Diagnostics;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Licences;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CloudApproval.Cases.Tests.Licences.LicenceFixture;

namespace CloudApproval.Cases.Tests.Licences;

/// <summary>
/// 延期办: a notice extends every food business licence expiring in a window by 6 months, applied in batches by the
/// job; a job that dies mid-way resumes and extends each licence exactly once, each with its audit entry and notice.
/// </summary>
public sealed class ExtensionNoticeTests
{
    private const int Count = 2000;
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
        Procedures.Write(workflows, IssueAtOnce());
        await _host.ImportAsync(workflows);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private ExtensionNotices Notices => _host.Get<ExtensionNotices>();

    private static ExtensionNoticeInput SixMonths() => new("market-supervision", new DateOnly(2031, 3, 1), new DateOnly(2031, 3, 31),
        "《上海市优化营商环境条例》: licences expiring in March 2031 are extended by six months", MatterCode: "food-business-licence", ExtendMonths: 6);

    [Test]
    public async Task AJobKilledMidway_Resumes_AndExtendsEveryLicenceExactlyOnce_WithItsAuditEntryAndNotice()
    {
        var watch = Stopwatch.StartNew();
        await BulkIssueAsync(_host, Count);
        TestContext.Out.WriteLine($"issued {Count} licences in {watch.Elapsed.TotalSeconds:0.0} s");
        var notice = await Notices.CreateAsync(SixMonths(), HeadZhou);
        Assert.That((await Notices.PreviewAsync(notice.Id, HeadZhou)).Licences, Is.EqualTo(Count));
        Assert.That((await Notices.ApplyAsync(notice.Id, HeadZhou)).Total, Is.EqualTo(Count));

        var hooks = _host.Get<ExtensionJobHooks>();
        hooks.AfterBatch = (_, batch) =>
        {
            if (batch == 3) throw new InvalidOperationException("killed after batch 3");
        };
        watch.Restart();
        await Assert.ThrowsAsync<InvalidOperationException>(() => _host.Get<ExtensionJob>().RunAsync(notice.Id, CancellationToken.None));
        var midway = await Notices.GetAsync(notice.Id, HeadZhou);
        Assert.That(midway.Done, Is.EqualTo(3 * ExtensionJob.BatchSize));
        Assert.That(midway.Status, Is.EqualTo(ExtensionNoticeStatus.Applying));

        hooks.AfterBatch = null;
        await _host.Get<ExtensionJob>().RunAsync(notice.Id, CancellationToken.None);
        // Hangfire runs a job at least once: another run after the end changes nothing.
        await _host.Get<ExtensionJob>().RunAsync(notice.Id, CancellationToken.None);
        var seconds = watch.Elapsed.TotalSeconds;
        TestContext.Out.WriteLine($"extended {Count} licences in {seconds:0.0} s: {Count / seconds:0} licences/s");

        var done = await Notices.GetAsync(notice.Id, HeadZhou);
        Assert.That((done.Status, done.Done, done.Total), Is.EqualTo((ExtensionNoticeStatus.Applied, Count, Count)));
        await using (var db = _host.Db())
        {
            Assert.That(await db.Licences.CountAsync(l => l.ExtendedUntil == new DateOnly(2031, 9, 1) && l.ExtensionNoticeId == notice.Id), Is.EqualTo(Count));
            Assert.That(await db.LicenceExtensions.CountAsync(x => x.NoticeId == notice.Id), Is.EqualTo(Count));
            Assert.That(await db.Notices.CountAsync(n => n.NoticeType == "licence-extended"), Is.EqualTo(Count));
            Assert.That(await db.AuditEntries.CountAsync(e => e.Action == "licence-extended"), Is.EqualTo(Count));
            Assert.That(await db.AuditEntries.Where(e => e.Action == "licence-extended").Select(e => e.CaseId).Distinct().CountAsync(), Is.EqualTo(Count));
            // The renewal timers follow the new day: the old ones cancelled, new ones pending.
            Assert.That(await db.LicenceReminders.CountAsync(r => r.Kind == LicenceReminder.Expire && r.Status == LicenceReminderStatus.Pending && r.ForUntil == new DateOnly(2031, 9, 1)), Is.EqualTo(Count));
            Assert.That(await db.LicenceReminders.CountAsync(r => r.Status == LicenceReminderStatus.Pending && r.ForUntil == new DateOnly(2031, 3, 1)), Is.Zero);
        }
        Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Actor.Operator("auditor")), Is.Empty);
        Assert.That((await _host.Get<AuditVerifier>().VerifyAllAsync(Actor.Operator("auditor"))).Where(r => !r.Intact).Select(r => r.Reason), Is.Empty);

        var any = await FirstNumberAsync();
        var check = await _host.Get<VerifyLicence>().RunAsync(any);
        Assert.That((check.Status, check.ExtendedUntil, check.ExtendedBy?.NoticeId, check.Seal.Verified), Is.EqualTo(("extended", (DateOnly?)new DateOnly(2031, 9, 1), (long?)notice.Id, true)));
        Assert.That((await Expect.RefusedAsync(() => Notices.ApplyAsync(notice.Id, HeadZhou))).Code, Is.EqualTo("extension-applied"));
    }

    [Test]
    public async Task OnlyTheHeadOfTheDepartmentOrAnAdmin_CreatesOrAppliesANotice_AndBadNoticesAreRefused()
    {
        Assert.That((await Expect.RefusedAsync(() => Notices.CreateAsync(SixMonths(), ClerkLi))).Code, Is.EqualTo("forbidden"));
        Assert.That((await Expect.RefusedAsync(() => Notices.CreateAsync(SixMonths(), HeadQian))).Code, Is.EqualTo("forbidden"));
        Assert.That((await Expect.RefusedAsync(() => Notices.CreateAsync(SixMonths() with { NewValidUntil = new DateOnly(2031, 3, 15) }, HeadZhou))).Message,
            Does.Contain("newValidUntil, extendMonths"));
        Assert.That((await Expect.RefusedAsync(() => Notices.CreateAsync(SixMonths() with { ExtendMonths = null, NewValidUntil = new DateOnly(2031, 3, 15) }, HeadZhou))).Message,
            Does.Contain("shortened"));
        Assert.That((await Expect.RefusedAsync(() => Notices.CreateAsync(SixMonths() with { MatterCode = "land-use-planning-permit" }, HeadZhou))).Message,
            Does.Contain("decided by planning-resources"));
        var notice = await Notices.CreateAsync(SixMonths(), HeadZhou);
        Assert.That((await Expect.RefusedAsync(() => Notices.ApplyAsync(notice.Id, ClerkLi))).Code, Is.EqualTo("forbidden"));
        Assert.That((await Expect.RefusedAsync(() => Notices.GetAsync(notice.Id, HeadQian))).Code, Is.EqualTo("unknown-extension-notice"));
        Assert.That((await Notices.GetAsync(notice.Id, ClerkLi)).Status, Is.EqualTo(ExtensionNoticeStatus.Draft));
    }

    private async Task<string> FirstNumberAsync()
    {
        await using var db = _host.Db();
        return await db.Licences.OrderBy(l => l.Id).Select(l => l.Number).FirstAsync();
    }
}
