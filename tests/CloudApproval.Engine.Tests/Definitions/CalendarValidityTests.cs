using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Definitions;

/// <summary>Licence validity in calendar years and months, leap-safe: to the day before the anniversary, or the month's end when it has none.</summary>
public sealed class CalendarValidityTests
{
    [TestCase("5y", "2026-06-05", "2031-06-04")]
    [TestCase("1y", "2028-02-29", "2029-02-28")]
    [TestCase("4y", "2028-02-29", "2032-02-28")]
    [TestCase("1y", "2027-03-01", "2028-02-29")]
    [TestCase("6mo", "2026-03-02", "2026-09-01")]
    [TestCase("1mo", "2026-01-31", "2026-02-28")]
    [TestCase("1mo", "2026-03-01", "2026-03-31")]
    [TestCase("1825d", "2026-06-05", "2031-06-03")]
    public void LastDayFrom_CountsCalendarYearsMonthsAndDays(string duration, string from, string lastDay)
    {
        Assert.That(Duration.Parse(duration).LastDayFrom(DateOnly.Parse(from)), Is.EqualTo(DateOnly.Parse(lastDay)));
    }

    [TestCase("101y")]
    [TestCase("1201mo")]
    public void TryParse_RefusesYearsAndMonthsBeyondACentury(string text)
    {
        Assert.That(Duration.TryParse(text, out var error), Is.Null);
        Assert.That(error, Does.Contain("too long"));
    }

    [Test]
    public void IssueLicence_ForFiveYears_RunsToTheDayBeforeTheFifthAnniversary()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start, Acts.Of("issue", "IssueLicence", """{"licenceType":"food-business-licence","validity":"5y"}"""), Acts.End()),
            ["start:done -> issue", "issue:done -> end"]));

        driver.Start(China.At(2026, 6, 5, 10));

        Assert.That(driver.EffectsOf<LicenceIssued>().Single(),
            Is.EqualTo(new LicenceIssued("food-business-licence", China.Day(2026, 6, 5), China.Day(2031, 6, 4), "issue")));
    }
}
