using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Runner;
using CloudApproval.Engine.Tests.Support;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Clock;

/// <summary>Art. 42: one extension, before the limit has passed, approved by the head, the head's reasons told to the applicant.</summary>
public sealed class ClockExtensionTests
{
    // Monday 03-02: 20 working days end on Monday 03-30.
    private static readonly DateTimeOffset Accepted = China.At(2026, 3, 2, 10);

    private const string Variables = """[{"name":"approval","type":"json"},{"name":"extensionReason","type":"text"}]""";

    /// <summary>clock → review → (request-extension) head → reasons → extend → review again (may request once more).</summary>
    private static Driver Started()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("clock", "StartLegalClock", """{"limit":"20wd"}"""),
                Acts.Task("review", "\"approve\",\"request-extension\""),
                Acts.Of("head", "UserTask", """{"title":"Approve the extension","role":"department-head","department":"market-supervision","outcomes":["approve"],"form":[{"name":"reasons","label":"Reasons","type":"text","required":true}],"saveAs":"approval"}"""),
                Acts.Of("reasons", "SetVariable", """{"variable":"extensionReason","value":"vars.approval.reasons"}"""),
                Acts.Of("extend", "ExtendLegalClock", """{"reason":"$extensionReason","approvedBy":"head"}"""),
                Acts.Of("stop", "StopLegalClock"),
                Acts.End()),
            ["start:done -> clock", "clock:done -> review", "review:approve -> stop", "review:request-extension -> head",
             "head:approve -> reasons", "reasons:done -> extend", "extend:done -> review", "extend:refused -> review", "stop:done -> end"],
            Variables));
        driver.Start(Accepted);
        return driver;
    }

    private static void RequestAndApprove(Driver driver, DateTimeOffset at, string reasons = "three branch offices to check")
    {
        driver.Complete("review", "request-extension", at);
        driver.Complete("head", "approve", at.AddHours(1), new() { ["reasons"] = reasons }, by: "head-zhou");
    }

    [Test]
    public void Extend_BeforeTheLimit_AddsTenWorkingDays_AndTellsTheApplicantTheHeadsReasons()
    {
        var driver = Started();

        RequestAndApprove(driver, China.At(2026, 3, 27, 9));

        // 03-30 + 10 working days (03-31, 04-01..03, 04-07..10, 04-13, 04-14): Qingming 04-04..06 is off.
        var notice = driver.EffectsOf<NoticeSent>().Single(n => n.NoticeType == "clock-extended");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(driver.Current.Clock!.ExtensionWorkingDays, Is.EqualTo(10));
            Assert.That(driver.Current.Clock!.DueDate, Is.EqualTo(China.Day(2026, 4, 14)));
            Assert.That(notice.Recipient, Is.EqualTo("applicant"));
            Assert.That(notice.Data!["reason"]!.GetValue<string>(), Is.EqualTo("three branch offices to check"));
            Assert.That(notice.Data!["approvedBy"]!.GetValue<string>(), Is.EqualTo("head-zhou"));
            Assert.That(driver.OpenTask("review"), Is.Not.Null);
        }
    }

    [Test]
    public void Extend_AfterTheLimitHasPassed_IsRefused_AndTheClockIsUnchanged()
    {
        var driver = Started();

        RequestAndApprove(driver, China.At(2026, 3, 31, 9));

        var refused = driver.EffectsOf<LegalClockChanged>().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.Action, Is.EqualTo("extension-refused"));
            Assert.That(refused.Reason, Is.EqualTo("the limit passed on 2026-03-30; an extension must be granted before it (art. 42)"));
            Assert.That(driver.Current.Clock!.ExtensionWorkingDays, Is.Zero);
            Assert.That(driver.Current.Clock!.DueDate, Is.EqualTo(China.Day(2026, 3, 30)));
            Assert.That(driver.EffectsOf<NoticeSent>(), Is.Empty);
            Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Running));
            Assert.That(driver.OpenTask("review"), Is.Not.Null);
        }
    }

    [Test]
    public void Extend_ASecondTime_IsRefused()
    {
        var driver = Started();
        RequestAndApprove(driver, China.At(2026, 3, 10, 9));

        RequestAndApprove(driver, China.At(2026, 3, 20, 9));

        var refused = driver.EffectsOf<LegalClockChanged>().Single();
        Assert.That(refused.Action, Is.EqualTo("extension-refused"));
        Assert.That(refused.Reason, Does.Contain("already extended once"));
        Assert.That(driver.Current.Clock!.ExtensionWorkingDays, Is.EqualTo(10));
    }

    [Test]
    public void Extend_WhileSuspended_IsRefused()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("clock", "StartLegalClock", """{"limit":"20wd"}"""),
                Acts.Of("suspend", "SuspendLegalClock", """{"ground":"expert-review","timeNeeded":"10wd"}"""),
                LegalClockTests.Head(),
                Acts.Of("extend", "ExtendLegalClock", """{"reason":"more time","approvedBy":"head"}"""),
                Acts.End(),
                Acts.End("end-refused", "terminated")),
            ["start:done -> clock", "clock:done -> suspend", "suspend:done -> head", "head:approve -> extend", "extend:done -> end", "extend:refused -> end-refused"]));
        driver.Start(Accepted);

        driver.Complete("head", "approve", Accepted.AddHours(1), new() { ["reasons"] = "x" });

        Assert.That(driver.Current.Outcome, Is.EqualTo("terminated"));
        Assert.That(driver.EffectsOf<LegalClockChanged>().First().Reason, Is.EqualTo("the legal clock is not running (it is suspended)"));
    }

    [TestCase("""{"reason":"x","approvedBy":"review"}""", "wrong-role", "task 'review' is for the role 'intake-clerk', not 'department-head'")]
    [TestCase("""{"reason":"x","approvedBy":"clock"}""", "wrong-activity", "'clock' is a StartLegalClock, not a UserTask")]
    [TestCase("""{"reason":"x","approvedBy":"nobody"}""", "unknown-activity", "no activity 'nobody'")]
    [TestCase("""{"days":"11wd","reason":"x","approvedBy":"head"}""", "invalid-extension", "11wd is not an extension the law allows: 1 to 10 working days (art. 42)")]
    [TestCase("""{"days":"0wd","reason":"x","approvedBy":"head"}""", "invalid-duration", "'0wd' is not a duration: a duration is at least 1 working day")]
    public void Validate_RefusesAnExtensionTheLawDoesNotAllow(string inputs, string code, string message)
    {
        var definition = Def.Flow(
            Acts.List(Acts.Start, Acts.Of("clock", "StartLegalClock", """{"limit":"20wd"}"""), Acts.Task("review", "\"extend\""),
                LegalClockTests.Head(), Acts.Of("extend", "ExtendLegalClock", inputs), Acts.End()),
            ["start:done -> clock", "clock:done -> review", "review:extend -> head", "head:approve -> extend", "extend:done -> end", "extend:refused -> end"],
            validate: false);

        var errors = ProcedureValidator.Validate(definition, Def.File);

        Assert.That(errors.Select(e => (e.Code, e.Message)), Has.One.Matches<(string Code, string Message)>(e => e.Code == code && e.Message.EndsWith(message, StringComparison.Ordinal)),
            string.Join("\n", errors));
    }

    [Test]
    public void Validate_AllowsFifteenDays_ForTheJointLimitOf45()
    {
        var definition = Def.Flow(
            Acts.List(Acts.Start, Acts.Of("clock", "StartLegalClock", """{"limit":"45wd","handling":"joint"}"""),
                LegalClockTests.Head().Replace("department-head", "government-head", StringComparison.Ordinal),
                Acts.Of("extend", "ExtendLegalClock", """{"days":"15wd","reason":"joint handling","approvedBy":"head"}"""), Acts.End()),
            ["start:done -> clock", "clock:done -> head", "head:approve -> extend", "extend:done -> end", "extend:refused -> end"],
            validate: false);

        Assert.That(ProcedureValidator.Validate(definition, Def.File), Is.Empty);
    }
}
