using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Clock;

/// <summary>Art. 45: only its grounds (or a named special law) suspend the clock; the applicant is told the ground and the time needed; the head is alerted when it lasts too long.</summary>
public sealed class SuspensionGroundTests
{
    // Monday 03-02: 20 working days end on Monday 03-30.
    private static readonly DateTimeOffset Accepted = China.At(2026, 3, 2, 10);

    private static Driver Suspended(string inputs)
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("clock", "StartLegalClock", """{"limit":"20wd"}"""),
                Acts.Of("suspend", "SuspendLegalClock", inputs),
                Acts.Of("wait", "WaitForEvent", """{"event":"appraised"}"""),
                Acts.Of("resume", "ResumeLegalClock"),
                Acts.Task("decide", "\"approve\""),
                Acts.End()),
            ["start:done -> clock", "clock:done -> suspend", "suspend:done -> wait", "wait:received -> resume", "resume:done -> decide", "decide:approve -> end"]));
        driver.Start(Accepted);
        return driver;
    }

    private static IReadOnlyList<DefinitionError> Validate(string inputs) => ProcedureValidator.Validate(Def.Flow(
        Acts.List(Acts.Start, Acts.Of("clock", "StartLegalClock", """{"limit":"20wd"}"""), Acts.Of("suspend", "SuspendLegalClock", inputs), Acts.End()),
        ["start:done -> clock", "clock:done -> suspend", "suspend:done -> end"], validate: false), Def.File);

    [Test]
    public void Suspend_TellsTheApplicantTheGround_AndTheTimeNeeded()
    {
        var driver = Suspended("""{"ground":"appraisal","timeNeeded":"10wd","reason":"structural appraisal by the city institute"}""");

        var notice = driver.EffectsOf<NoticeSent>().Single(n => n.NoticeType == "clock-suspended");
        var suspension = driver.Current.Clock!.Suspensions.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(notice.Recipient, Is.EqualTo("applicant"));
            // 10 working days after Monday 03-02 end on 03-16.
            Assert.That(notice.Data!.ToJsonString(EngineJson.Options), Is.EqualTo(
                """{"ground":"appraisal","groundText":"鉴定 appraisal","legalBasis":null,"reason":"structural appraisal by the city institute","timeNeeded":"10wd","expectedBy":"2026-03-16","provisional":false}"""));
            Assert.That(suspension, Is.EqualTo(new ClockSuspension(China.Day(2026, 3, 2), null, "structural appraisal by the city institute", "appraisal", null, "10wd")));
        }
    }

    [Test]
    public void Suspension_LongerThanItsMaximum_AlertsTheHead()
    {
        var driver = Suspended("""{"ground":"expert-review","timeNeeded":"10wd","maxLength":"15wd"}""");
        var alert = driver.Pending(TimerPurpose.SuspensionLimit);

        driver.Fire(alert);

        // 15 working days after 03-02 end on 03-23.
        var notice = driver.EffectsOf<NoticeSent>().Single();
        Assert.That(alert.DueAt, Is.EqualTo(China.Midnight(2026, 3, 24)));
        Assert.That((notice.NoticeType, notice.Recipient), Is.EqualTo(("suspension-overrun", "department-head")));
        Assert.That(notice.Data!.ToJsonString(), Is.EqualTo("""{"since":"2026-03-02","ground":"expert-review","timeNeeded":"10wd"}"""));
        Assert.That(driver.Current.Clock!.SuspensionTimerId, Is.Null);
    }

    [Test]
    public void Resume_CancelsTheSuspensionAlert()
    {
        var driver = Suspended("""{"ground":"testing","timeNeeded":"5wd"}""");
        var alert = driver.Pending(TimerPurpose.SuspensionLimit);

        driver.Event("appraised", China.At(2026, 3, 5, 10));

        Assert.That(driver.Current.FindTimer(alert.Id)!.Status, Is.EqualTo(TimerStatus.Cancelled));
        Assert.That(driver.Current.Clock!.SuspensionTimerId, Is.Null);
    }

    [Test]
    public void Suspend_OnASpecialLaw_NamesIt()
    {
        var driver = Suspended("""{"ground":"special","legalBasis":"《药品管理法》第二十五条","timeNeeded":"30d"}""");

        var notice = driver.EffectsOf<NoticeSent>().Single(n => n.NoticeType == "clock-suspended");
        Assert.That(notice.Data!["legalBasis"]!.GetValue<string>(), Is.EqualTo("《药品管理法》第二十五条"));
        Assert.That(driver.Current.Clock!.Suspensions.Single().Reason, Is.EqualTo("《药品管理法》第二十五条"));
    }

    // A site survey (art. 34) and an opinion request of another department (measure 8) are not art. 45 grounds.
    [TestCase("site-survey")]
    [TestCase("opinion-request")]
    public void Validate_RefusesAGroundNotInArticle45(string ground)
    {
        var error = Validate($$"""{"ground":"{{ground}}","timeNeeded":"5wd"}""").Single();

        Assert.That(error.Path, Is.EqualTo("$.activities[2].inputs.ground"));
        Assert.That(error.Message, Does.Contain("one of hearing, bidding, auction, inspection, testing, quarantine, appraisal, expert-review, special"));
    }

    [Test]
    public void Validate_RefusesASpecialGroundWithoutItsLaw()
    {
        var error = Validate("""{"ground":"special","timeNeeded":"5wd"}""").Single();

        Assert.That((error.Path, error.Code), Is.EqualTo(("$.activities[2].inputs.legalBasis", "missing-input")));
    }

    [Test]
    public void Validate_RefusesASuspensionWithoutTheTimeNeeded()
    {
        var error = Validate("""{"ground":"hearing"}""").Single();

        Assert.That((error.Path, error.Code), Is.EqualTo(("$.activities[2].inputs.timeNeeded", "missing-input")));
    }
}
