using CloudApproval.Cases.Alerts;
using CloudApproval.Cases.Efficiency;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Alerts;

/// <summary>
/// The on-time alerts the efficiency check raises reach each head of the department in their alerts once, counted
/// unread until they open them; a clerk and another department's head get none.
/// </summary>
public sealed class StaffAlertsTests
{
    private static readonly Actor Zhou = new("head-zhou", null, [ActorRoles.DepartmentHead], ["market-supervision"], ["department-head"]);
    private static readonly Actor Gu = new("head-gu", null, [ActorRoles.DepartmentHead], ["market-supervision"], ["government-head"]);
    private static readonly Actor Qian = new("head-qian", null, [ActorRoles.DepartmentHead], ["planning-resources"], ["department-head"]);
    private static readonly Actor Li = new("clerk-li", null, [ActorRoles.Clerk], ["market-supervision"], ["intake-clerk"]);

    private TempFolder _folder = null!;
    private CasesHost _host = null!;

    private StaffAlerts Alerts => _host.Get<StaffAlerts>();

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, new ManualClock(ManualClock.MondayMorning));
        await using var db = _host.Db();
        db.OnTimeAlerts.Add(new OnTimeAlert
        {
            MatterCode = "food-business-licence", Department = "market-supervision", PeriodFrom = new DateOnly(2026, 2, 1), PeriodTo = new DateOnly(2026, 2, 28),
            Decided = 10, WithinLegal = 6, OnTimePercent = 60, ThresholdPercent = 90, RaisedAt = new DateTime(2026, 3, 1, 1, 0, 0, DateTimeKind.Utc),
        });
        await db.SaveChangesAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Test]
    public async Task Each_head_of_the_department_gets_the_on_time_alert_once_and_opening_marks_it_read()
    {
        Assert.That(await Alerts.UnreadCountAsync(Zhou), Is.EqualTo(1), "counted before it is delivered");

        var first = await Alerts.OpenAsync(Zhou);
        var second = await Alerts.OpenAsync(Zhou);
        var gu = await Alerts.OpenAsync(Gu);

        Assert.That(first, Has.Count.EqualTo(1));
        Assert.That(first[0].Kind, Is.EqualTo(StaffAlertKinds.OnTime));
        Assert.That(first[0].Subject, Is.EqualTo("food-business-licence"));
        Assert.That(first[0].Message, Does.Contain("6/10").And.Contain("60%"));
        Assert.That(first[0].ReadAt, Is.Null);
        Assert.That(second.Select(a => a.Id), Is.EqualTo(first.Select(a => a.Id)), "delivered once");
        Assert.That(second[0].ReadAt, Is.Not.Null);
        Assert.That(await Alerts.UnreadCountAsync(Zhou), Is.Zero);
        Assert.That(gu, Has.Count.EqualTo(1), "every head of the department has their own");
        Assert.That(gu[0].ReadAt, Is.Null, "read by another head is not read by this one");
    }

    [Test]
    public async Task A_clerk_and_another_departments_head_get_no_on_time_alert_and_applicants_have_no_alerts()
    {
        Assert.That(await Alerts.OpenAsync(Li), Is.Empty);
        Assert.That(await Alerts.OpenAsync(Qian), Is.Empty);
        var applicant = new Actor("applicant-chen", null, [ActorRoles.Applicant]);
        var refused = await Assert.ThrowsAsync<CasesException>(() => Alerts.OpenAsync(applicant));
        Assert.That(refused!.Kind, Is.EqualTo(RefusalKind.Forbidden));
    }
}
