using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

/// <summary>Saving, publishing, retiring and simulating procedures over real HTTP, as the designer does.</summary>
public sealed class ProcedureAuthoringApiTests
{
    private const string Analyst = "analyst-zhao";

    private static WebHost s_host = null!;

    [OneTimeSetUp]
    public static void StartHost() => s_host = new WebHost();

    [OneTimeTearDown]
    public static void StopHost() => s_host.Dispose();

    private static JsonObject Seed(string id) => JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Workflows, id, "v1.json")))!.AsObject();

    private static string Scenario(string id, string name) => File.ReadAllText(Path.Combine(Repo.Workflows, id, "scenarios", name + ".json"));

    private static async Task<(HttpStatusCode Status, JsonElement Body, string? MediaType)> SendAsync(string? user, HttpMethod method, string url, string? body = null)
    {
        using var client = await s_host.ClientForAsync(user);
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json, response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<string> ProceduresAsync()
    {
        using var client = await s_host.ClientForAsync(Analyst);
        return await client.GetStringAsync("/api/procedures");
    }

    [Test]
    public async Task Draft_IsSavedWithItsErrors_ThenFixed_ThenPublished_ByTheAnalyst()
    {
        var broken = Seed("online-hearing");
        broken["activities"]![1]!["type"] = "UserTsk";

        var first = await SendAsync(Analyst, HttpMethod.Put, "/api/procedures/online-hearing/draft", broken.ToJsonString());
        var refused = await SendAsync(Analyst, HttpMethod.Post, "/api/procedures/online-hearing/draft/publish");
        var second = await SendAsync(Analyst, HttpMethod.Put, "/api/procedures/online-hearing/draft", Seed("online-hearing").ToJsonString());
        var published = await SendAsync(Analyst, HttpMethod.Post, "/api/procedures/online-hearing/draft/publish");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.Body.ToString());
            Assert.That(first.Body.GetProperty("version").GetInt32(), Is.EqualTo(2), "v1 is published: the draft is the next version");
            Assert.That(first.Body.GetProperty("valid").GetBoolean(), Is.False);
            Assert.That(first.Body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()), Does.Contain("$.activities[1].type"));
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.BadRequest), refused.Body.ToString());
            Assert.That(refused.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(refused.Body.GetProperty("detail").GetString(), Does.Contain("$.activities[1].type"));
            Assert.That(second.Body.GetProperty("version").GetInt32(), Is.EqualTo(2), "the draft is replaced, not added to");
            Assert.That(second.Body.GetProperty("valid").GetBoolean(), Is.True);
            Assert.That(published.Status, Is.EqualTo(HttpStatusCode.OK), published.Body.ToString());
            var v2 = published.Body.GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("version").GetInt32() == 2);
            Assert.That(v2.GetProperty("status").GetString(), Is.EqualTo("published"));
            Assert.That(v2.GetProperty("publishedBy").GetString(), Is.EqualTo(Analyst));
        }
    }

    [Test]
    public async Task Draft_SavedFromAnOlderCopy_IsRefusedAsStale_AndTheNewerDraftStands()
    {
        var text = Seed("commitment");
        text["definitionId"] = "stale-check";
        async Task<HttpResponseMessage> PutAsync(string name, string header, string value)
        {
            text["name"] = name;
            using var client = await s_host.ClientForAsync(Analyst);
            using var request = new HttpRequestMessage(HttpMethod.Put, "/api/procedures/stale-check/draft") { Content = new StringContent(text.ToJsonString(), Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation(header, value);
            return await client.SendAsync(request);
        }

        using var created = await PutAsync("first", "If-None-Match", "*");
        var opened = created.Headers.ETag!.Tag;
        using var createdAgain = await PutAsync("someone else's", "If-None-Match", "*");
        using var saved = await PutAsync("second", "If-Match", opened);
        using var stale = await PutAsync("an older copy", "If-Match", opened);
        using var unconditional = await PutAsync("imported", "If-Match", "*");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK), await created.Content.ReadAsStringAsync());
            Assert.That(createdAgain.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a new procedure's id is taken");
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await saved.Content.ReadAsStringAsync());
            Assert.That(saved.Headers.ETag!.Tag, Is.Not.EqualTo(opened));
            Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            var problem = JsonDocument.Parse(await stale.Content.ReadAsStringAsync()).RootElement;
            Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("stale-draft"));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("stale-check v1 (draft) was saved by " + Analyst));
            Assert.That(unconditional.StatusCode, Is.EqualTo(HttpStatusCode.OK), "without a precondition the draft is replaced, as an import does");
        }
        using var client = await s_host.ClientForAsync(Analyst);
        Assert.That(await client.GetStringAsync("/api/procedures/stale-check/versions/1"), Does.Contain("\"name\": \"imported\""));
    }

    [Test]
    public async Task Retire_ByTheAnalyst_RetiresThePublishedVersion()
    {
        var retired = await SendAsync(Analyst, HttpMethod.Post, "/api/procedures/remote-survey/versions/1/retire");
        var again = await SendAsync(Analyst, HttpMethod.Post, "/api/procedures/remote-survey/versions/1/retire");

        Assert.That(retired.Status, Is.EqualTo(HttpStatusCode.OK), retired.Body.ToString());
        var v1 = retired.Body.GetProperty("versions").EnumerateArray().Single();
        Assert.That(v1.GetProperty("status").GetString(), Is.EqualTo("retired"));
        Assert.That(v1.GetProperty("retiredBy").GetString(), Is.EqualTo(Analyst));
        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(again.Body.GetProperty("code").GetString(), Is.EqualTo("not-published"));
    }

    [Test]
    public async Task Simulate_ReturnsTheTimeline_OfTheLatestPublishedVersion_OrTheNamedOne_AndWritesNothing()
    {
        var before = await ProceduresAsync();

        var latest = await SendAsync(Analyst, HttpMethod.Post, "/api/procedures/deficiency-pending/simulate", Scenario("deficiency-pending", "approved-before-supplement"));
        var named = await SendAsync(Analyst, HttpMethod.Post, "/api/procedures/deficiency-pending/simulate?version=1", Scenario("deficiency-pending", "rejected"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(latest.Status, Is.EqualTo(HttpStatusCode.OK), latest.Body.ToString());
            Assert.That(latest.Body.GetProperty("version").GetInt32(), Is.EqualTo(1));
            Assert.That(latest.Body.GetProperty("versionStatus").GetString(), Is.EqualTo("published"));
            Assert.That(latest.Body.GetProperty("passed").GetBoolean(), Is.True, latest.Body.ToString());
            Assert.That(latest.Body.GetProperty("status").GetString(), Is.EqualTo("completed"));
            var timeline = latest.Body.GetProperty("timeline").EnumerateArray().ToList();
            Assert.That(timeline, Is.Not.Empty);
            Assert.That(timeline[0].GetProperty("text").GetString(), Does.StartWith("start deficiency-pending v1"));
            Assert.That(timeline[0].GetProperty("at").GetString(), Does.EndWith("+08:00"));
            Assert.That(named.Status, Is.EqualTo(HttpStatusCode.OK), named.Body.ToString());
            Assert.That(named.Body.GetProperty("passed").GetBoolean(), Is.True, named.Body.ToString());
        }
        Assert.That(await ProceduresAsync(), Is.EqualTo(before));
    }

    private static IEnumerable<TestCaseData> Writes() =>
    [
        new TestCaseData("PUT", "/api/procedures/commitment/draft", Seed("commitment").ToJsonString()).SetName("PUT draft"),
        new TestCaseData("POST", "/api/procedures/commitment/draft/publish", null).SetName("POST draft/publish"),
        new TestCaseData("POST", "/api/procedures/commitment/versions/1/retire", null).SetName("POST versions/1/retire"),
        new TestCaseData("POST", "/api/procedures/commitment/simulate", Scenario("commitment", "approved-verified")).SetName("POST simulate"),
    ];

    [TestCaseSource(nameof(Writes))]
    public async Task Clerk_IsForbidden_AndNothingChanges(string method, string url, string? body)
    {
        var before = await ProceduresAsync();

        var clerk = await SendAsync("clerk-li", new HttpMethod(method), url, body);

        Assert.That(clerk.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await ProceduresAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Admin_PassesThePolicy_ButOnlyAnAnalystMaySaveADraft()
    {
        var before = await ProceduresAsync();

        var admin = await SendAsync("admin", HttpMethod.Put, "/api/procedures/commitment/draft", Seed("commitment").ToJsonString());

        Assert.That(admin.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(admin.Body.GetProperty("code").GetString(), Is.EqualTo("forbidden"));
        Assert.That(await ProceduresAsync(), Is.EqualTo(before));
    }

    [TestCase("POST", "/api/procedures/no-such-thing/draft/publish", null)]
    [TestCase("POST", "/api/procedures/no-such-thing/versions/1/retire", null)]
    [TestCase("POST", "/api/procedures/no-such-thing/simulate", """{"name":"x","start":"2026-03-02T09:00:00+08:00","expect":{}}""")]
    [TestCase("POST", "/api/procedures/commitment/simulate?version=99", """{"name":"x","start":"2026-03-02T09:00:00+08:00","expect":{}}""")]
    public async Task UnknownProcedureOrVersion_Is404ProblemDetails(string method, string url, string? body)
    {
        var answer = await SendAsync(Analyst, new HttpMethod(method), url, body);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound), answer.Body.ToString());
        Assert.That(answer.MediaType, Is.EqualTo("application/problem+json"));
    }

    [TestCase("PUT", "/api/procedures/commitment/draft", """{ "definitionId": "commitment", """, "line 1")]
    [TestCase("PUT", "/api/procedures/commitment/draft", """{"definitionId":"commitment","definitionId":"x"}""", "duplicate key")]
    [TestCase("PUT", "/api/procedures/deficiency-pending/draft", "{commitment}", "$.definitionId")]
    [TestCase("POST", "/api/procedures/commitment/simulate", """{"name":"x",""", "line 1")]
    [TestCase("POST", "/api/procedures/commitment/simulate", """{"name":"x","start":"2026-03-02T09:00:00+08:00","expect":{},"steps":[{"complete":1}]}""", "$.steps[0].complete")]
    public async Task BadJson_Is400ProblemDetails_NamingWhere_AndNothingChanges(string method, string url, string body, string where)
    {
        var before = await ProceduresAsync();

        var answer = await SendAsync(Analyst, new HttpMethod(method), url, body.Replace("{commitment}", Seed("commitment").ToJsonString(), StringComparison.Ordinal));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), answer.Body.ToString());
        Assert.That(answer.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(answer.Body.GetProperty("detail").GetString(), Does.Contain(where));
        Assert.That(await ProceduresAsync(), Is.EqualTo(before));
    }
}
