using System.Text.Json.Nodes;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Runner;

public sealed class DomainActivityTests
{
    private static readonly DateTimeOffset Monday = China.At(2026, 3, 2, 10);

    private const string Json = """[{"name":"commitment","type":"json"},{"name":"correction","type":"json"},{"name":"preReview","type":"json","default":{"corrections":["ID copy unreadable","lease expired"]}}]""";

    private static Driver Commitment() => new(Def.Flow(
        Acts.List(Acts.Start,
            Acts.Of("sign", "SignCommitment", """{"template":"deficiency-commitment","deadline":"5wd","saveAs":"commitment"}"""),
            Acts.End("signed"), Acts.End("declined", "withdrawn"), Acts.End("expired", "terminated")),
        ["start:done -> sign", "sign:signed -> signed", "sign:declined -> declined", "sign:expired -> expired"], Json));

    [Test]
    public void SignCommitment_NotifiesTheApplicant_AndWaitsForTheSignature()
    {
        var driver = Commitment();

        driver.Start(Monday);

        Assert.That(driver.EffectsOf<NoticeSent>().Single(), Is.EqualTo(new NoticeSent("commitment-notification", "deficiency-commitment", "applicant", "sign")));
        Assert.That(driver.Current.Tokens.Single().Events,
            Is.EquivalentTo(new Dictionary<string, string> { ["commitment-signed"] = "signed", ["commitment-declined"] = "declined" }));
        Assert.That(driver.Pending(TimerPurpose.Deadline).DueAt, Is.EqualTo(China.Midnight(2026, 3, 10)));
    }

    [TestCase("commitment-signed", "approved")]
    [TestCase("commitment-declined", "withdrawn")]
    public void SignCommitment_LeavesByTheApplicantsAnswer(string answer, string outcome)
    {
        var driver = Commitment();
        driver.Start(Monday);

        driver.Event(answer, Monday.AddDays(1), new JsonObject { ["signedBy"] = "法定代表人" });

        Assert.That(driver.Current.Outcome, Is.EqualTo(outcome));
        Assert.That(driver.Current.Variables["commitment"]!["signedBy"]!.GetValue<string>(), Is.EqualTo("法定代表人"));
    }

    [Test]
    public void SignCommitment_LeavesByExpired_WhenNotSignedInTime()
    {
        var driver = Commitment();
        driver.Start(Monday);

        driver.Fire(driver.Pending(TimerPurpose.Deadline));

        Assert.That(driver.Current.Outcome, Is.EqualTo("terminated"));
    }

    private static Driver Correction() => new(Def.Flow(
        Acts.List(Acts.Start,
            Acts.Of("correct", "RequestCorrection", """
                {"template":"correction-notice","items":"vars.preReview.corrections","deadline":"15wd","reminderBefore":"2wd",
                 "reminderTemplate":"correction-reminder","saveAs":"correction"}
                """),
            Acts.Task("recheck", "\"accept\""),
            Acts.End(), Acts.End("withdrawn", "withdrawn")),
        ["start:done -> correct", "correct:corrected -> recheck", "correct:expired -> withdrawn", "recheck:accept -> end"], Json));

    [Test]
    public void RequestCorrection_ListsEveryItemInOneNotice_AndWaitsForTheCorrections()
    {
        var driver = Correction();

        driver.Start(Monday);

        var notice = driver.EffectsOf<NoticeSent>().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(notice.NoticeType, Is.EqualTo("correction-request"));
            Assert.That(notice.Template, Is.EqualTo("correction-notice"));
            Assert.That(notice.Data!.ToJsonString(), Is.EqualTo("""{"items":["ID copy unreadable","lease expired"]}"""));
            Assert.That(driver.Current.Tokens.Single().Events.Keys, Is.EqualTo(new[] { "correction-submitted" }));
            // 15 working days from 03-02 end on 03-23; the reminder goes out two working days before, on 03-19.
            Assert.That(driver.Pending(TimerPurpose.Deadline).DueAt, Is.EqualTo(China.Midnight(2026, 3, 24)));
            Assert.That(driver.Pending(TimerPurpose.Reminder).DueAt, Is.EqualTo(China.At(2026, 3, 19, 9)));
        }
    }

    [Test]
    public void RequestCorrection_LeavesByCorrected_AndSavesTheMaterials()
    {
        var driver = Correction();
        driver.Start(Monday);

        driver.Event("correction-submitted", Monday.AddDays(5), new JsonObject { ["files"] = new JsonArray("id.pdf") });

        Assert.That(driver.OpenTask("recheck"), Is.Not.Null);
        Assert.That(driver.Current.Variables["correction"]!.ToJsonString(), Is.EqualTo("""{"files":["id.pdf"]}"""));
        Assert.That(driver.PendingTimers, Is.Empty);
    }

    [Test]
    public void RequestCorrection_LeavesByExpired_WhenNothingArrives()
    {
        var driver = Correction();
        driver.Start(Monday);

        driver.Fire(driver.Pending(TimerPurpose.Deadline));

        Assert.That(driver.Current.Outcome, Is.EqualTo("withdrawn"));
    }

    [Test]
    public void IssueLicence_IssuesForTheValidityFromToday()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start, Acts.Of("issue", "IssueLicence", """{"licenceType":"food-business-licence","validity":"1825d","template":"licence"}"""), Acts.End()),
            ["start:done -> issue", "issue:done -> end"]));

        driver.Start(Monday);

        // 1825 days from 2026-03-02 is 2031-03-01; the licence is valid up to the day before.
        Assert.That(driver.EffectsOf<LicenceIssued>().Single(),
            Is.EqualTo(new LicenceIssued("food-business-licence", China.Day(2026, 3, 2), China.Day(2031, 2, 28), "issue")));
        Assert.That(driver.Current.Outcome, Is.EqualTo("approved"));
    }

    [Test]
    public void IssueLicence_ReadsTheLicenceTypeFromAVariable_WhenTheInputIsADollarReference()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start, Acts.Of("issue", "IssueLicence", """{"licenceType":"$licenceType","validity":"365d"}"""), Acts.End()),
            ["start:done -> issue", "issue:done -> end"],
            """[{"name":"licenceType","type":"text","default":"food-business-licence"}]"""));

        driver.Start(Monday, new JsonObject { ["licenceType"] = "pharmacy-licence" });

        Assert.That(driver.EffectsOf<LicenceIssued>().Single().LicenceType, Is.EqualTo("pharmacy-licence"));
    }

    [Test]
    public void RevokeLicence_RevokesWithTheReason()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start, Acts.Of("revoke", "RevokeLicence", """{"reason":"false commitment 虚假承诺"}"""), Acts.End(outcome: "revoked")),
            ["start:done -> revoke", "revoke:done -> end"]));

        driver.Start(Monday);

        Assert.That(driver.EffectsOf<LicenceRevoked>().Single(), Is.EqualTo(new LicenceRevoked("false commitment 虚假承诺", "revoke")));
        Assert.That(driver.Current.Outcome, Is.EqualTo("revoked"));
    }

    private static Driver Session(string ahead) => new(Def.Flow(
        Acts.List(Acts.Start,
            Acts.Of("hearing", "ScheduleRemoteSession", $$"""{"kind":"hearing","noticeAhead":"{{ahead}}","recipients":"parties","template":"hearing-notice"}"""),
            Acts.Task("record", "\"done\""),
            Acts.End()),
        ["start:done -> hearing", "hearing:started -> record", "record:done -> end"]));

    [Test]
    public void ScheduleRemoteSession_NotifiesNow_ForNineOClockOnTheNthWorkingDay()
    {
        var driver = Session("7wd");

        driver.Start(Monday);

        // 03-02 + 7 working days = Wednesday 03-11.
        var at = China.At(2026, 3, 11, 9);
        Assert.That(driver.EffectsOf<RemoteSessionScheduled>().Single(), Is.EqualTo(new RemoteSessionScheduled("hearing", at, "parties", "hearing")));
        var notice = driver.EffectsOf<NoticeSent>().Single();
        Assert.That(notice.NoticeType, Is.EqualTo("hearing-notice"));
        Assert.That(notice.Recipient, Is.EqualTo("parties"));
        Assert.That(notice.Data!["kind"]!.GetValue<string>(), Is.EqualTo("hearing"));
        Assert.That(DateTimeOffset.Parse(notice.Data!["at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(at));
        Assert.That(driver.Pending(TimerPurpose.Wait).DueAt, Is.EqualTo(at));
    }

    [Test]
    public void ScheduleRemoteSession_LeavesByStarted_WhenTheSessionBegins()
    {
        var driver = Session("48h");
        driver.Start(Monday);
        var timer = driver.Pending(TimerPurpose.Wait);
        Assert.That(timer.DueAt, Is.EqualTo(Monday.AddHours(48)));

        driver.Fire(timer);

        Assert.That(driver.OpenTask("record").CreatedAt, Is.EqualTo(Monday.AddHours(48)));
    }
}
