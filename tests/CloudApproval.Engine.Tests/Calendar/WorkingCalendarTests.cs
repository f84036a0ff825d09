using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Calendar;

/// <summary>Working-day arithmetic on the real 2026 arrangement (workflows/calendars/cn-2026.json).</summary>
public sealed class WorkingCalendarTests
{
    // The 2026 file alone, so that "a year without a calendar" stays true when later years are added to the folder.
    private static readonly Lazy<WorkingCalendar> Only2026 =
        new(() => new WorkingCalendar([CalendarFiles.Load(Path.Combine(Repo.Workflows, "calendars", "cn-2026.json"))]));

    private static WorkingCalendar Calendar => Only2026.Value;

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public void CalendarFolder_Covers2026()
    {
        Assert.That(Repo.Calendar.Years, Does.Contain(2026));
    }

    [TestCase("2026-02-14", true, Description = "Saturday declared a working day (Spring Festival)")]
    [TestCase("2026-02-28", true, Description = "Saturday declared a working day (Spring Festival)")]
    [TestCase("2026-02-15", false)]
    [TestCase("2026-02-16", false)]
    [TestCase("2026-02-23", false, Description = "Monday, last day of the Spring Festival")]
    [TestCase("2026-02-24", true)]
    [TestCase("2026-02-21", false, Description = "Saturday inside the holiday")]
    [TestCase("2026-03-07", false, Description = "an ordinary Saturday")]
    [TestCase("2026-03-09", true, Description = "an ordinary Monday")]
    [TestCase("2026-09-20", true, Description = "Sunday declared a working day (National Day)")]
    [TestCase("2026-10-01", false)]
    [TestCase("2026-10-07", false)]
    [TestCase("2026-10-08", true)]
    [TestCase("2026-10-10", true, Description = "Saturday declared a working day (National Day)")]
    [TestCase("2026-10-11", false)]
    [TestCase("2026-01-04", true, Description = "Sunday declared a working day (New Year)")]
    [TestCase("2026-05-09", true, Description = "Saturday declared a working day (Labour Day)")]
    public void IsWorkingDay_FollowsTheStateCouncilArrangement(string day, bool working)
    {
        Assert.That(Calendar.IsWorkingDay(D(day)), Is.EqualTo(working));
    }

    [TestCase("2026-02-13", 1, "2026-02-14")]  // Friday + 1 = the declared working Saturday
    [TestCase("2026-02-13", 2, "2026-02-24")]  // then nine days off
    [TestCase("2026-02-14", 1, "2026-02-24")]
    [TestCase("2026-02-24", 4, "2026-02-28")]  // Tue..Fri, then the working Saturday
    [TestCase("2026-02-27", 1, "2026-02-28")]
    [TestCase("2026-02-28", 1, "2026-03-02")]
    [TestCase("2026-02-12", 10, "2026-03-04")]  // 13, 14, 24..28, 03-02, 03, 04
    [TestCase("2026-09-18", 1, "2026-09-20")]  // Friday + 1 = the declared working Sunday
    [TestCase("2026-09-24", 1, "2026-09-28")]  // over Mid-Autumn
    [TestCase("2026-09-30", 1, "2026-10-08")]  // over National Day
    [TestCase("2026-10-09", 1, "2026-10-10")]  // the declared working Saturday
    [TestCase("2026-10-10", 1, "2026-10-12")]
    [TestCase("2026-09-21", 10, "2026-10-12")]
    [TestCase("2026-09-30", 0, "2026-09-30")]
    [TestCase("2026-10-03", 0, "2026-10-03")]  // zero returns the day itself, working or not
    public void AddWorkingDays_CountsOnlyWorkingDays(string from, int n, string expected)
    {
        var answer = Calendar.AddWorkingDays(D(from), n);

        Assert.That(answer.Value, Is.EqualTo(D(expected)));
        Assert.That(answer.IsExact, Is.True);
        Assert.That(answer.Warning, Is.Null);
    }

    [TestCase("2026-02-24", -1, "2026-02-14")]
    [TestCase("2026-02-24", -2, "2026-02-13")]
    [TestCase("2026-03-02", -1, "2026-02-28")]
    [TestCase("2026-10-12", -2, "2026-10-09")]
    [TestCase("2026-10-08", -1, "2026-09-30")]
    [TestCase("2026-09-21", -1, "2026-09-20")]
    public void AddWorkingDays_WithNegativeN_CountsBackwards(string from, int n, string expected)
    {
        Assert.That(Calendar.AddWorkingDays(D(from), n).Value, Is.EqualTo(D(expected)));
    }

    [TestCase("2026-02-13", "2026-02-28", 6)]   // 14, 24, 25, 26, 27, 28
    [TestCase("2026-02-14", "2026-02-23", 0)]
    [TestCase("2026-09-30", "2026-10-10", 3)]   // 10-08, 09, 10
    [TestCase("2026-09-21", "2026-10-12", 10)]
    [TestCase("2026-03-02", "2026-03-02", 0)]
    [TestCase("2026-02-28", "2026-02-13", -6)]  // backwards: the same days, negated
    [TestCase("2026-10-12", "2026-09-21", -10)]
    public void CountWorkingDays_CountsAfterFromUpToAndIncludingTo(string from, string to, int expected)
    {
        var answer = Calendar.CountWorkingDays(D(from), D(to));

        Assert.That(answer.Value, Is.EqualTo(expected));
        Assert.That(answer.IsExact, Is.True);
    }

    [Test]
    public void AddAndCount_AreInverse_AcrossTheYear()
    {
        var from = D("2026-01-05");
        for (var n = 1; n <= 240; n += 7)
        {
            var to = Calendar.AddWorkingDays(from, n).Value;
            Assert.That(Calendar.CountWorkingDays(from, to).Value, Is.EqualTo(n), $"n = {n}, to = {to}");
            Assert.That(Calendar.IsWorkingDay(to), Is.True);
        }
    }

    [Test]
    public void Suspensions_AreNotCounted()
    {
        // Suspended from Wednesday 03-04 until counting resumed on Wednesday 03-11: 04, 05, 06, 09, 10 are skipped.
        DateInterval[] suspended = [new(D("2026-03-04"), D("2026-03-11"))];

        Assert.That(Calendar.AddWorkingDays(D("2026-03-02"), 5, suspended).Value, Is.EqualTo(D("2026-03-16")));
        Assert.That(Calendar.CountWorkingDays(D("2026-03-02"), D("2026-03-16"), suspended).Value, Is.EqualTo(5));
        Assert.That(Calendar.CountWorkingDays(D("2026-03-16"), D("2026-03-02"), suspended).Value, Is.EqualTo(-5));
        Assert.That(Calendar.AddWorkingDays(D("2026-03-16"), -5, suspended).Value, Is.EqualTo(D("2026-03-02")));
    }

    [Test]
    public void SeveralSuspensions_AreAllExcluded()
    {
        DateInterval[] suspended = [new(D("2026-03-03"), D("2026-03-04")), new(D("2026-03-05"), D("2026-03-06"))];

        // 03-03 and 03-05 do not count: 04, 06, 09.
        Assert.That(Calendar.AddWorkingDays(D("2026-03-02"), 3, suspended).Value, Is.EqualTo(D("2026-03-09")));
    }

    [Test]
    public void AnOpenSuspension_ExcludesEverythingAfter()
    {
        DateInterval[] suspended = [new(D("2026-03-04"), null)];

        Assert.That(Calendar.CountWorkingDays(D("2026-03-02"), D("2026-12-31"), suspended).Value, Is.EqualTo(1));
        Assert.That(() => Calendar.AddWorkingDays(D("2026-03-02"), 2, suspended), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void AYearWithoutACalendar_CountsWeekendsOnly_AndSaysSo()
    {
        // 2027 has no file: its New Year and Spring Festival holidays are unknown, so 01-01 (a Friday) counts.
        var answer = Calendar.AddWorkingDays(D("2026-12-31"), 1);

        Assert.That(answer.Value, Is.EqualTo(D("2027-01-01")));
        Assert.That(answer.YearsWithoutCalendar, Is.EqualTo(new[] { 2027 }));
        Assert.That(answer.IsExact, Is.False);
        Assert.That(answer.Warning, Does.StartWith("no holiday calendar for 2027: counted weekends only"));
    }

    [Test]
    public void AYearWithoutACalendar_SkipsWeekends()
    {
        var answer = Calendar.AddWorkingDays(D("2027-03-05"), 1);

        Assert.That(answer.Value, Is.EqualTo(D("2027-03-08")), "Friday + 1 = Monday");
        Assert.That(answer.YearsWithoutCalendar, Is.EqualTo(new[] { 2027 }));
    }

    [Test]
    public void Counting_IntoAYearWithoutACalendar_ReportsIt()
    {
        var answer = Calendar.CountWorkingDays(D("2026-12-28"), D("2027-01-08"));

        Assert.That(answer.Value, Is.EqualTo(9));   // 29, 30, 31, then 2027-01-01, 04..08 on weekends only
        Assert.That(answer.YearsWithoutCalendar, Is.EqualTo(new[] { 2027 }));
        Assert.That(answer.Warning, Does.Contain("2027"));
    }

    [Test]
    public void SeveralYearsWithoutACalendar_AreAllReported()
    {
        var answer = Calendar.AddWorkingDays(D("2026-12-31"), 300);

        Assert.That(answer.YearsWithoutCalendar, Is.EqualTo(new[] { 2027, 2028 }));
        Assert.That(answer.Warning, Does.StartWith("no holiday calendar for 2027, 2028"));
    }

    [Test]
    public void WeekendsOnly_KnowsNoHolidays()
    {
        var answer = WorkingCalendar.WeekendsOnly.AddWorkingDays(D("2026-02-13"), 1);

        Assert.That(answer.Value, Is.EqualTo(D("2026-02-16")));
        Assert.That(answer.YearsWithoutCalendar, Is.EqualTo(new[] { 2026 }));
    }

    [Test]
    public void DateInterval_IsHalfOpen()
    {
        var interval = new DateInterval(D("2026-03-04"), D("2026-03-11"));

        Assert.That(interval.Contains(D("2026-03-03")), Is.False);
        Assert.That(interval.Contains(D("2026-03-04")), Is.True);
        Assert.That(interval.Contains(D("2026-03-10")), Is.True);
        Assert.That(interval.Contains(D("2026-03-11")), Is.False);
    }
}
