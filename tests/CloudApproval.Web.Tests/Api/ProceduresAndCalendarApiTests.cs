using System.Net;
using System.Text;
using System.Text.Json;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

public sealed class ProceduresAndCalendarApiTests
{
    private static WebHost s_host = null!;

    [OneTimeSetUp]
    public static void StartHost() => s_host = new WebHost();

    [OneTimeTearDown]
    public static void StopHost() => s_host.Dispose();

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Test]
    public async Task Procedures_ListsTheSeedProcedures_Published()
    {
        using var client = await s_host.ClientForAsync("clerk-li");

        var procedures = await GetJsonAsync(client, "/api/procedures");

        var ids = procedures.EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.That(ids, Is.SupersetOf(new[] { "commitment", "deficiency-pending", "online-hearing", "remote-survey" }));
        Assert.That(procedures.EnumerateArray().SelectMany(p => p.GetProperty("versions").EnumerateArray()).Select(v => v.GetProperty("status").GetString()),
            Is.All.EqualTo("published"));
    }

    [Test]
    public async Task ExportedVersion_IsByteIdenticalToTheFile()
    {
        using var client = await s_host.ClientForAsync("analyst-zhao");

        var bytes = await client.GetByteArrayAsync("/api/procedures/deficiency-pending/versions/1");

        Assert.That(bytes, Is.EqualTo(await File.ReadAllBytesAsync(Path.Combine(Repo.Workflows, "deficiency-pending", "v1.json"))));
    }

    [Test]
    public async Task UnknownProcedure_Is404ProblemDetails()
    {
        using var client = await s_host.ClientForAsync("analyst-zhao");

        using var version = await client.GetAsync("/api/procedures/no-such-thing/versions/1");
        using var procedure = await client.GetAsync("/api/procedures/no-such-thing");

        Assert.That(version.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(version.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await version.Content.ReadAsStringAsync(), Does.Contain("no-such-thing"));
        Assert.That(procedure.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Validate_ReportsEveryErrorWithItsJsonPath()
    {
        using var client = await s_host.ClientForAsync("analyst-zhao");
        var broken = File.ReadAllText(Path.Combine(Repo.Workflows, "commitment", "v1.json")).Replace("\"type\": \"UserTask\"", "\"type\": \"UserTsk\"", StringComparison.Ordinal);

        using var response = await client.PostAsync("/api/procedures/validate", new StringContent(broken, Encoding.UTF8, "application/json"));
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        using var valid = await client.PostAsync("/api/procedures/validate",
            new StringContent(File.ReadAllText(Path.Combine(Repo.Workflows, "commitment", "v1.json")), Encoding.UTF8, "application/json"));

        Assert.That(answer.GetProperty("valid").GetBoolean(), Is.False);
        var errors = answer.GetProperty("errors").EnumerateArray().ToList();
        Assert.That(errors.Select(e => e.GetProperty("code").GetString()), Does.Contain("unknown-activity-type"));
        Assert.That(errors.Select(e => e.GetProperty("path").GetString()), Has.Some.Match(@"^\$\.activities\[\d+\]\.type$"));
        Assert.That(JsonDocument.Parse(await valid.Content.ReadAsStringAsync()).RootElement.GetProperty("valid").GetBoolean(), Is.True);
    }

    [Test]
    public async Task ActivityTypes_AreTheRegistrysDescriptors()
    {
        using var client = await s_host.ClientForAsync("analyst-zhao");

        var types = await GetJsonAsync(client, "/api/activity-types");

        var userTask = types.EnumerateArray().Single(t => t.GetProperty("type").GetString() == "UserTask");
        Assert.That(userTask.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("name").GetString()), Does.Contain("outcomes"));
        Assert.That(types.GetArrayLength(), Is.GreaterThanOrEqualTo(20));
    }

    [Test]
    public async Task Calendar_CountsTheSwappedSaturdayOfSpringFestival_AsAWorkingDay()
    {
        using var client = s_host.CreateClient();

        var add = await GetJsonAsync(client, "/api/calendar/add?date=2026-02-13&days=1");
        var between = await GetJsonAsync(client, "/api/calendar/between?from=2026-09-30&to=2026-10-12");
        var year = await GetJsonAsync(client, "/api/calendar/2026");
        var guessed = await GetJsonAsync(client, "/api/calendar/add?date=2031-12-30&days=3");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(add.GetProperty("value").GetString(), Is.EqualTo("2026-02-14"));
            Assert.That(add.GetProperty("exact").GetBoolean(), Is.True);
            Assert.That(between.GetProperty("value").GetInt32(), Is.EqualTo(CountByHand()));
            Assert.That(year.GetProperty("official").GetBoolean(), Is.True);
            Assert.That(year.GetProperty("extraWorkingDays").EnumerateArray().Select(d => d.GetProperty("date").GetString()), Does.Contain("2026-02-14"));
            Assert.That(guessed.GetProperty("exact").GetBoolean(), Is.False);
            Assert.That(guessed.GetProperty("warning").GetString(), Does.Contain("2032"));
        }
    }

    /// <summary>
    /// 2026-09-30 (exclusive) to 2026-10-12: National Day runs 10-01..10-07 (days off); 10-08 (Thu), 10-09 (Fri),
    /// 10-10 (Sat, declared a working day) and 10-12 (Mon) are worked; 10-11 is Sunday. Read off the official calendar.
    /// </summary>
    private static int CountByHand() => 4;

    [TestCase("/api/calendar/add?date=2026-02-30&days=1")]
    [TestCase("/api/calendar/add?date=2026-02-13&days=abc")]
    [TestCase("/api/calendar/add?date=2026-02-13&days=2000000000")]
    [TestCase("/api/calendar/add?date=9999-12-30&days=5")]
    [TestCase("/api/calendar/between?from=0001-01-01&to=9999-12-31")]
    [TestCase("/api/calendar/99999")]
    public async Task BadCalendarQuestions_Are400ProblemDetails(string url)
    {
        using var client = s_host.CreateClient();

        using var response = await client.GetAsync(url);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }
}
