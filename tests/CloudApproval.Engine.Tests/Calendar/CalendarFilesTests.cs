using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Calendar;

public sealed class CalendarFilesTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "cloudapproval-calendar-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private const string Valid = """
        {"year":2030,"source":"test","daysOff":[{"date":"2030-10-01","name":"国庆节"}],"extraWorkingDays":[{"date":"2030-09-29","name":"国庆节"}]}
        """;

    [Test]
    public void Load_ReadsTheRealFile()
    {
        var year = CalendarFiles.Load(Path.Combine(Repo.Workflows, "calendars", "cn-2026.json"));

        Assert.That(year.Year, Is.EqualTo(2026));
        Assert.That(year.Source, Does.Contain("国务院办公厅"));
        Assert.That(year.DaysOff, Has.Count.EqualTo(33));
        Assert.That(year.ExtraWorkingDays.Select(d => d.Date.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            Is.EqualTo(new[] { "01-04", "02-14", "02-28", "05-09", "09-20", "10-10" }));
        Assert.That(year.DaysOff[0], Is.EqualTo(new CalendarDay(new DateOnly(2026, 1, 1), "元旦 New Year")));
    }

    [Test]
    public void Parse_ReadsDaysOffAndExtraWorkingDays()
    {
        var year = CalendarFiles.Parse(Valid, "cn-2030.json");
        var calendar = new WorkingCalendar([year]);

        Assert.That(calendar.IsWorkingDay(new DateOnly(2030, 10, 1)), Is.False, "a Tuesday off");
        Assert.That(calendar.IsWorkingDay(new DateOnly(2030, 9, 29)), Is.True, "a Sunday worked");
        Assert.That(calendar.Years, Is.EqualTo(new[] { 2030 }));
    }

    [TestCase("""{"source":"x","daysOff":[],"extraWorkingDays":[]}""", "$.year: required integer")]
    [TestCase("""{"year":"2030","daysOff":[],"extraWorkingDays":[]}""", "$.year: required integer")]
    [TestCase("""{"year":2030,"extraWorkingDays":[]}""", "$.daysOff: required array")]
    [TestCase("""{"year":2030,"daysOff":[],"extraWorkingDays":{}}""", "$.extraWorkingDays: required array")]
    [TestCase("""{"year":2030,"daysOff":[{"date":"2030-10-01"},{"name":"x"}],"extraWorkingDays":[]}""", "$.daysOff[1].date: required date yyyy-MM-dd")]
    [TestCase("""{"year":2030,"daysOff":[{"date":"2030-13-01"}],"extraWorkingDays":[]}""", "$.daysOff[0].date: '2030-13-01' is not a date yyyy-MM-dd")]
    [TestCase("""{"year":2030,"daysOff":[{"date":"01/10/2030"}],"extraWorkingDays":[]}""", "$.daysOff[0].date: '01/10/2030' is not a date yyyy-MM-dd")]
    [TestCase("""{"year":2030,"daysOff":[],"extraWorkingDays":[{"date":"2031-01-04"}]}""", "$.extraWorkingDays[0].date: 2031-01-04 is not in 2030")]
    [TestCase("""{"year":2030,"daysOff":[{"date":"2030-10-01"}],"extraWorkingDays":[{"date":"2030-10-01"}]}""", "2030-10-01 is both a day off and a working day")]
    [TestCase("""[2030]""", "$: expected an object")]
    public void Parse_RejectsAMalformedFile_NamingTheFileAndTheField(string json, string problem)
    {
        var ex = Assert.Throws<CalendarFileException>(() => CalendarFiles.Parse(json, "cn-2030.json"));

        Assert.That(ex!.Message, Is.EqualTo($"cn-2030.json: {problem}"));
    }

    [Test]
    public void Load_RejectsMalformedJson_NamingTheFile()
    {
        var path = Path.Combine(_folder, "cn-2030.json");
        File.WriteAllText(path, """{"year": 2030, "daysOff": [""");

        var ex = Assert.Throws<CalendarFileException>(() => CalendarFiles.Load(path));

        Assert.That(ex!.Message, Does.StartWith($"{path}: $.daysOff[0]: malformed JSON"));
    }

    [Test]
    public void Load_RejectsABadField_NamingTheFileAndTheField()
    {
        var path = Path.Combine(_folder, "cn-2030.json");
        File.WriteAllText(path, """{"year":2030,"daysOff":[{"date":"2030-02-30"}],"extraWorkingDays":[]}""");

        var ex = Assert.Throws<CalendarFileException>(() => CalendarFiles.Load(path));

        Assert.That(ex!.Message, Is.EqualTo($"{path}: $.daysOff[0].date: '2030-02-30' is not a date yyyy-MM-dd"));
    }

    [Test]
    public void LoadFolder_LoadsEveryYear()
    {
        File.WriteAllText(Path.Combine(_folder, "cn-2030.json"), Valid);
        File.WriteAllText(Path.Combine(_folder, "cn-2031.json"), """{"year":2031,"daysOff":[],"extraWorkingDays":[]}""");

        var calendar = CalendarFiles.LoadFolder(_folder);

        Assert.That(calendar.Years, Is.EquivalentTo(new[] { 2030, 2031 }));
        Assert.That(calendar.AddWorkingDays(new DateOnly(2030, 12, 31), 1).IsExact, Is.True);
    }

    [Test]
    public void LoadFolder_RejectsTwoFilesForOneYear()
    {
        File.WriteAllText(Path.Combine(_folder, "cn-2030.json"), Valid);
        File.WriteAllText(Path.Combine(_folder, "cn-2030-copy.json"), Valid);

        var ex = Assert.Throws<CalendarFileException>(() => CalendarFiles.LoadFolder(_folder));

        Assert.That(ex!.Message, Is.EqualTo($"{_folder}: two calendar files for 2030"));
    }

    [Test]
    public void LoadFolder_RejectsAMissingFolder()
    {
        var missing = Path.Combine(_folder, "nope");

        var ex = Assert.Throws<CalendarFileException>(() => CalendarFiles.LoadFolder(missing));

        Assert.That(ex!.Message, Is.EqualTo($"{missing}: calendar folder not found"));
    }
}
