using CloudApproval.Engine.Definitions;

namespace CloudApproval.Engine.Tests.Definitions;

public sealed class DurationTests
{
    [TestCase("5wd", 5, DurationUnit.WorkingDays)]
    [TestCase("90d", 90, DurationUnit.Days)]
    [TestCase("4h", 4, DurationUnit.Hours)]
    [TestCase("30m", 30, DurationUnit.Minutes)]
    [TestCase("10s", 10, DurationUnit.Seconds)]
    [TestCase("1825d", 1825, DurationUnit.Days)]
    [TestCase("100000s", 100_000, DurationUnit.Seconds)]
    [TestCase("5y", 5, DurationUnit.Years)]
    [TestCase("6mo", 6, DurationUnit.Months)]
    public void TryParse_ReadsAmountAndUnit(string text, int amount, DurationUnit unit)
    {
        var duration = Duration.TryParse(text, out var error);

        Assert.That(error, Is.Null);
        Assert.That(duration, Is.EqualTo(new Duration(amount, unit)));
        Assert.That(duration!.ToString(), Is.EqualTo(text));
    }

    [TestCase("")]
    [TestCase("5")]
    [TestCase("wd")]
    [TestCase("5 wd")]
    [TestCase("5WD")]
    [TestCase("-5d")]
    [TestCase("+5d")]
    [TestCase("5.5d")]
    [TestCase("5w")]
    [TestCase("P5D")]
    [TestCase(" 5d")]
    [TestCase("5d ")]
    [TestCase("５d")]
    [TestCase("12345678d")]
    [TestCase("0wd")]
    [TestCase("0s")]
    public void TryParse_RefusesWhatIsNotADuration(string text)
    {
        var duration = Duration.TryParse(text, out var error);

        Assert.That(duration, Is.Null);
        Assert.That(error, Does.StartWith($"'{text}' is not a duration"));
    }

    [Test]
    public void TryParse_RefusesNull()
    {
        Assert.That(Duration.TryParse(null, out var error), Is.Null);
        Assert.That(error, Does.Contain("is not a duration"));
    }

    [Test]
    public void TryParse_RefusesAbsurdlyLongDurations()
    {
        Assert.That(Duration.TryParse("100001d", out var error), Is.Null);
        Assert.That(error, Is.EqualTo("'100001d' is too long: at most 36525 days"));
        Assert.That(Duration.TryParse("2501wd", out error), Is.Null);
        Assert.That(error, Is.EqualTo("'2501wd' is too long: at most 2500 working days"));
    }

    [Test]
    public void TryParse_RefusesATrailingNewline_QuotingItOnOneLine()
    {
        Assert.That(Duration.TryParse("5d\n", out var error), Is.Null);
        Assert.That(error, Does.StartWith("'5d\\n' is not a duration"));
    }

    [Test]
    public void Parse_ThrowsWithTheReason()
    {
        var ex = Assert.Throws<FormatException>(() => Duration.Parse("soon"));

        Assert.That(ex!.Message, Does.StartWith("'soon' is not a duration"));
    }

    [TestCase("3d", 72 * 60)]
    [TestCase("4h", 4 * 60)]
    [TestCase("30m", 30)]
    public void ToTimeSpan_IsExactCalendarTime(string text, int minutes)
    {
        Assert.That(Duration.Parse(text).ToTimeSpan(), Is.EqualTo(TimeSpan.FromMinutes(minutes)));
    }

    [Test]
    public void ToTimeSpan_RefusesWorkingDays_WhichNeedTheCalendar()
    {
        var days = Duration.Parse("5wd");

        Assert.That(days.IsWorkingDays, Is.True);
        Assert.That(() => days.ToTimeSpan(), Throws.InvalidOperationException);
    }
}
