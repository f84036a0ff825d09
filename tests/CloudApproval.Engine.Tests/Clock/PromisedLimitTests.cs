using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Clock;

/// <summary>The promised limit (承诺时限) beside the legal one: both due dates, on-time judged against each.</summary>
public sealed class PromisedLimitTests
{
    // Monday 03-02: 5 working days end on 03-09, 20 on 03-30.
    private static readonly DateTimeOffset Accepted = China.At(2026, 3, 2, 10);

    private static Driver Started()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("clock", "StartLegalClock", """{"limit":"20wd","promisedLimit":"5wd"}"""),
                Acts.Task("review", "\"approve\""),
                Acts.Of("stop", "StopLegalClock"),
                Acts.End()),
            ["start:done -> clock", "clock:done -> review", "review:approve -> stop", "stop:done -> end"]));
        driver.Start(Accepted);
        return driver;
    }

    [Test]
    public void Start_CarriesBothDueDates()
    {
        var driver = Started();

        var clock = driver.Current.Clock!;
        Assert.That(clock.DueDate, Is.EqualTo(China.Day(2026, 3, 30)));
        Assert.That(clock.PromisedDueDate, Is.EqualTo(China.Day(2026, 3, 9)));
        Assert.That(driver.EffectsOf<LegalClockChanged>().Single().PromisedDueDate, Is.EqualTo(China.Day(2026, 3, 9)));
    }

    [Test]
    public void Stop_AfterThePromiseButWithinTheLaw_RecordsBoth()
    {
        var driver = Started();

        driver.Complete("review", "approve", China.At(2026, 3, 10, 9));

        var clock = driver.Current.Clock!;
        var stopped = driver.EffectsOf<LegalClockChanged>().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(clock.Status, Is.EqualTo(ClockStatus.Stopped));
            Assert.That(clock.StoppedOn, Is.EqualTo(China.Day(2026, 3, 10)));
            Assert.That(clock.OnTimeLegal, Is.True);
            Assert.That(clock.OnTimePromised, Is.False);
            Assert.That(clock.DueDate, Is.EqualTo(China.Day(2026, 3, 30)), "the due date is kept when the clock stops");
            Assert.That((stopped.OnTimeLegal, stopped.OnTimePromised), Is.EqualTo((true, false)));
        }
    }

    [Test]
    public void Stop_OnTheLastPromisedDay_IsWithinThePromise()
    {
        var driver = Started();

        driver.Complete("review", "approve", China.At(2026, 3, 9, 17));

        Assert.That(driver.Current.Clock!.OnTimePromised, Is.True);
    }

    [Test]
    public void Validate_RefusesAPromiseLongerThanTheLaw()
    {
        var definition = Def.Flow(
            Acts.List(Acts.Start, Acts.Of("clock", "StartLegalClock", """{"limit":"20wd","promisedLimit":"25wd"}"""), Acts.End()),
            ["start:done -> clock", "clock:done -> end"], validate: false);

        var error = ProcedureValidator.Validate(definition, Def.File).Single();

        Assert.That(error.Code, Is.EqualTo("invalid-limit"));
        Assert.That(error.Path, Is.EqualTo("$.activities[1].inputs.promisedLimit"));
    }
}
