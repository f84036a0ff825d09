using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Collaboration;

/// <summary>
/// Joint handling (art. 26, art. 42 ¶2): 45 working days from acceptance, extended once by up to 15 with the approval of
/// the head of the people's government (role government-head), before the limit has passed, the reasons told to the
/// applicant. Dates on the 2026 calendar: Qingming 04-04..06 and Labour Day 05-01..05 off, Saturday 05-09 worked.
/// </summary>
public sealed class JointClockTests
{
    private static readonly DateTimeOffset Accepted = China.At(2026, 3, 2, 10);

    private const string Variables = """[{"name":"approval","type":"json"},{"name":"extensionReason","type":"text"}]""";

    private static string Head(string role) =>
        Acts.Of("head", "UserTask", $$"""{"title":"Approve the extension","role":"{{role}}","department":"municipal-government","outcomes":["approve"],"form":[{"name":"reasons","label":"Reasons","type":"text","required":true}],"saveAs":"approval"}""");

    /// <summary>clock (45wd joint) → review → (request-extension) head → reasons → extend → review again.</summary>
    private static Driver Started(string headRole = "government-head", string clock = """{"limit":"45wd","handling":"joint"}""", string extend = """{"reason":"$extensionReason","approvedBy":"head"}""")
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("clock", "StartLegalClock", clock),
                Acts.Task("review", "\"approve\",\"request-extension\""),
                Head(headRole),
                Acts.Of("reasons", "SetVariable", """{"variable":"extensionReason","value":"vars.approval.reasons"}"""),
                Acts.Of("extend", "ExtendLegalClock", extend),
                Acts.Of("stop", "StopLegalClock"),
                Acts.End()),
            ["start:done -> clock", "clock:done -> review", "review:approve -> stop", "review:request-extension -> head",
             "head:approve -> reasons", "reasons:done -> extend", "extend:done -> review", "extend:refused -> review", "stop:done -> end"],
            Variables, validate: headRole == "government-head"));
        driver.Start(Accepted);
        return driver;
    }

    private static void RequestAndApprove(Driver driver, DateTimeOffset at, string by = "mayor-office-chen")
    {
        driver.Complete("review", "request-extension", at);
        driver.Complete("head", "approve", at.AddHours(1), new() { ["reasons"] = "four departments must reconcile their opinions" }, by: by);
    }

    [Test]
    public void JointClock_AcceptedOn0302_IsDueOn0508_After45WorkingDays()
    {
        var driver = Started();

        var clock = driver.Current.Clock!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(clock.DueDate, Is.EqualTo(China.Day(2026, 5, 8)));
            Assert.That(clock.LimitWorkingDays, Is.EqualTo(45));
            Assert.That(clock.DayKind, Is.EqualTo(DayKind.WorkingDays));
            Assert.That(clock.Joint, Is.True);
            Assert.That(driver.EffectsOf<LegalClockChanged>().Single().Describe(), Does.Contain("limit 45 working days, due 2026-05-08"));
        }
    }

    [Test]
    public void JointExtension_ApprovedByTheGovernmentHead_Adds15WorkingDays_DueOn0528_AndTellsTheApplicantWhy()
    {
        var driver = Started();

        RequestAndApprove(driver, China.At(2026, 5, 6, 9));

        var notice = driver.EffectsOf<NoticeSent>().Single(n => n.NoticeType == "clock-extended");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(driver.Current.Clock!.ExtensionWorkingDays, Is.EqualTo(15));
            Assert.That(driver.Current.Clock!.DueDate, Is.EqualTo(China.Day(2026, 5, 28)));
            Assert.That(notice.Recipient, Is.EqualTo("applicant"));
            Assert.That(notice.Data!["reason"]!.GetValue<string>(), Is.EqualTo("four departments must reconcile their opinions"));
            Assert.That(notice.Data!["days"]!.GetValue<int>(), Is.EqualTo(15));
            Assert.That(notice.Data!["dueDate"]!.GetValue<string>(), Is.EqualTo("2026-05-28"));
            Assert.That(notice.Data!["approvedBy"]!.GetValue<string>(), Is.EqualTo("mayor-office-chen"));
        }
    }

    [Test]
    public void JointExtension_OnTheDueDateItself_IsStillInTime()
    {
        var driver = Started();

        RequestAndApprove(driver, China.At(2026, 5, 8, 9));

        Assert.That(driver.Current.Clock!.DueDate, Is.EqualTo(China.Day(2026, 5, 28)));
    }

    [Test]
    public void JointExtension_AfterTheDueDate_IsRefused()
    {
        var driver = Started();

        RequestAndApprove(driver, China.At(2026, 5, 9, 9));

        var refused = driver.EffectsOf<LegalClockChanged>().Single();
        Assert.That(refused.Action, Is.EqualTo("extension-refused"));
        Assert.That(refused.Reason, Is.EqualTo("the limit passed on 2026-05-08; an extension must be granted before it (art. 42)"));
        Assert.That(driver.Current.Clock!.DueDate, Is.EqualTo(China.Day(2026, 5, 8)));
    }

    [Test]
    public void JointExtension_ASecondTime_IsRefused()
    {
        var driver = Started();
        RequestAndApprove(driver, China.At(2026, 4, 1, 9));

        RequestAndApprove(driver, China.At(2026, 5, 6, 9));

        Assert.That(driver.EffectsOf<LegalClockChanged>().Single().Reason, Is.EqualTo("the limit was already extended once; art. 42 allows one extension"));
        Assert.That(driver.Current.Clock!.DueDate, Is.EqualTo(China.Day(2026, 5, 28)));
    }

    [Test]
    public void JointExtension_ApprovedByTheDepartmentHead_IsRefused()
    {
        var driver = Started(headRole: "department-head");

        RequestAndApprove(driver, China.At(2026, 5, 6, 9), by: "head-zhou");

        var refused = driver.EffectsOf<LegalClockChanged>().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.Action, Is.EqualTo("extension-refused"));
            Assert.That(refused.Reason, Is.EqualTo("the extension of a joint matter's limit needs the approval of government-head; task 'head' was for department-head"));
            Assert.That(driver.Current.Clock!.ExtensionWorkingDays, Is.Zero);
            Assert.That(driver.Current.Clock!.DueDate, Is.EqualTo(China.Day(2026, 5, 8)));
            Assert.That(driver.EffectsOf<NoticeSent>(), Is.Empty);
        }
    }

    [Test]
    public void SingleExtension_ApprovedByTheGovernmentHead_IsRefused_TheOrgansHeadDecides()
    {
        var driver = Started(clock: """{"limit":"20wd"}""", headRole: "government-head-of-nothing");

        RequestAndApprove(driver, China.At(2026, 3, 20, 9));

        Assert.That(driver.EffectsOf<LegalClockChanged>().Single().Reason,
            Is.EqualTo("the extension of the limit needs the approval of department-head; task 'head' was for government-head-of-nothing"));
    }

    [Test]
    public void JointExtension_WhoseApprovalTaskWasCompletedByItsDeadline_IsRefused_SilenceIsNotApproval()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("clock", "StartLegalClock", """{"limit":"45wd","handling":"joint"}"""),
                Acts.Of("head", "UserTask", """{"title":"Approve the extension","role":"government-head","department":"municipal-government","outcomes":["approve","decline"],"deadline":"3wd","defaultOutcome":"approve"}"""),
                Acts.Of("extend", "ExtendLegalClock", """{"reason":"joint matter","approvedBy":"head"}"""),
                Acts.End(),
                Acts.End("refused", "terminated")),
            ["start:done -> clock", "clock:done -> head", "head:approve -> extend", "head:decline -> end", "extend:done -> end", "extend:refused -> refused"]));
        driver.Start(Accepted);

        driver.Fire(driver.Pending(TimerPurpose.Deadline));

        Assert.That(driver.EffectsOf<LegalClockChanged>().Single(c => c.Action == "extension-refused").Reason,
            Is.EqualTo("task 'head' was completed by its deadline, not by government-head: silence is not an approval"));
        Assert.That(driver.Current.Outcome, Is.EqualTo("terminated"));
    }

    [Test]
    public void Validate_RefusesAJointExtension_ApprovedByAnotherRole()
    {
        var definition = Def.Flow(
            Acts.List(Acts.Start, Acts.Of("clock", "StartLegalClock", """{"limit":"45wd","handling":"joint"}"""), Head("department-head"),
                Acts.Of("extend", "ExtendLegalClock", """{"days":"15wd","reason":"x","approvedBy":"head"}"""), Acts.End()),
            ["start:done -> clock", "clock:done -> head", "head:approve -> extend", "extend:done -> end", "extend:refused -> end"],
            Variables, validate: false);

        var errors = ProcedureValidator.Validate(definition, Def.File);

        Assert.That(errors.Select(e => (e.Path, e.Code, e.Message)), Is.EqualTo(new[]
        {
            ("$.activities[3].inputs.approvedBy", "wrong-role", "activity 'extend' (ExtendLegalClock), input 'approvedBy': task 'head' is for the role 'department-head', not 'government-head'"),
        }));
    }

    [TestCase("""{"limit":"45wd","handling":"joint"}""", """{"days":"16wd","reason":"x","approvedBy":"head"}""",
        "$.activities[3].inputs.days", "invalid-extension", "16wd is not an extension the law allows: 1 to 15 working days (art. 42)")]
    [TestCase("""{"limit":"20wd"}""", """{"days":"15wd","reason":"x","approvedBy":"head"}""",
        "$.activities[3].inputs.days", "invalid-extension", "15wd is not an extension the law allows: 1 to 10 working days (art. 42)")]
    [TestCase("""{"limit":"60d","handling":"joint"}""", """{"reason":"x","approvedBy":"head"}""",
        "$.activities[1].inputs.limit", "invalid-limit", "joint handling has at most 45 working days (art. 42, art. 82), not 60d")]
    [TestCase("""{"limit":"50wd","handling":"joint"}""", """{"reason":"x","approvedBy":"head"}""",
        "$.activities[1].inputs.limit", "invalid-limit", "joint handling has at most 45 working days (art. 42, art. 82), not 50wd")]
    [TestCase("""{"limit":"60d","promisedLimit":"10wd"}""", """{"days":"30d","reason":"x","approvedBy":"head"}""",
        "$.activities[1].inputs.promisedLimit", "invalid-limit", "the promised limit 10wd counts days differently from the legal limit 60d; use one day kind")]
    [TestCase("""{"limit":"20wd"}""", """{"days":"30d","reason":"x","approvedBy":"head"}""",
        "$.activities[3].inputs.days", "invalid-extension", "30d does not count days as the procedure's legal clock does (working days, e.g. 10wd)")]
    [TestCase("""{"limit":"2h"}""", """{"reason":"x","approvedBy":"head"}""",
        "$.activities[1].inputs.limit", "invalid-duration", "'2h' must be working days or calendar days, e.g. 45wd or 60d")]
    public void Validate_RefusesALimitOrExtensionTheLawDoesNotAllow(string clock, string extend, string path, string code, string message)
    {
        var role = clock.Contains("joint", StringComparison.Ordinal) ? "government-head" : "department-head";
        var definition = Def.Flow(
            Acts.List(Acts.Start, Acts.Of("clock", "StartLegalClock", clock), Head(role), Acts.Of("extend", "ExtendLegalClock", extend), Acts.End()),
            ["start:done -> clock", "clock:done -> head", "head:approve -> extend", "extend:done -> end", "extend:refused -> end"],
            Variables, validate: false);

        var errors = ProcedureValidator.Validate(definition, Def.File);

        Assert.That(errors.Select(e => (e.Path, e.Code)), Is.EqualTo(new[] { (path, code) }), string.Join("\n", errors));
        Assert.That(errors.Single().Message, Does.EndWith(message));
    }
}
