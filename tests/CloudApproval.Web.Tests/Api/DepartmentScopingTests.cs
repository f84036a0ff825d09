using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

/// <summary>
/// A case of market-supervision is invisible to planning-resources staff and to other applicants: not in their lists,
/// and every address of it answers 404 (not 403), so that case and task ids of other departments do not leak.
/// Each refusal is paired with clerk-li (market-supervision) seeing the same thing, so an empty list cannot pass by accident.
/// </summary>
public sealed class DepartmentScopingTests
{
    private WebHost _host = null!;
    private string _caseId = null!;
    private long _taskId;

    [OneTimeSetUp]
    public async Task StartACaseOfMarketSupervision()
    {
        _host = new WebHost();
        using var applicant = await _host.ClientForAsync("applicant-chen");
        _caseId = await applicant.StartCaseAsync("deficiency-pending", new JsonObject { ["department"] = "market-supervision" });
        _taskId = (long)(await applicant.OpenTaskAsync(_caseId, "pre-review"))["id"]!;
    }

    [OneTimeTearDown]
    public void StopHost() => _host.Dispose();

    private async Task<List<long>> AllTaskIdsAsync(string user)
    {
        using var client = await _host.ClientForAsync(user);
        var page = await (await client.GetAsync("/api/tasks?mine=false&limit=500")).ExpectAsync(HttpStatusCode.OK, $"{user}'s tasks");
        return page["tasks"]!.AsArray().Select(t => (long)t!["id"]!).ToList();
    }

    private async Task<List<string>> CaseIdsAsync(string user)
    {
        using var client = await _host.ClientForAsync(user);
        var page = await (await client.GetAsync("/api/cases?limit=500")).ExpectAsync(HttpStatusCode.OK, $"{user}'s cases");
        return page["cases"]!.AsArray().Select(c => (string)c!["id"]!).ToList();
    }

    [Test]
    public async Task ClerkOfAnotherDepartment_SeesNoneOfItsTasks_WhileItsOwnClerkDoes()
    {
        Assert.That(await AllTaskIdsAsync("clerk-li"), Does.Contain(_taskId));
        Assert.That(await AllTaskIdsAsync("clerk-wang"), Does.Not.Contain(_taskId));
    }

    [Test]
    public async Task ClerkOfAnotherDepartment_SeesNoneOfItsCases_WhileItsOwnClerkDoes()
    {
        Assert.That(await CaseIdsAsync("clerk-li"), Does.Contain(_caseId));
        Assert.That(await CaseIdsAsync("clerk-wang"), Does.Not.Contain(_caseId));
    }

    private static IEnumerable<TestCaseData> Addresses() =>
        new[] { "GET /case", "GET /timeline", "GET /audit", "POST /claim", "POST /complete" }
            .Select(a => new TestCaseData(a).SetName($"ClerkOfAnotherDepartment_Gets404_For {a}"));

    [TestCaseSource(nameof(Addresses))]
    public async Task ClerkOfAnotherDepartment_Gets404_ForEveryAddressOfTheCase(string address)
    {
        using var wang = await _host.ClientForAsync("clerk-wang");

        using var response = await SendAsync(wang, address);

        var problem = await response.ExpectAsync(HttpStatusCode.NotFound, $"clerk-wang {address}");
        Assert.That((string?)problem["code"], Is.AnyOf("unknown-case", "unknown-task"));
        // The task stays open and unclaimed: the refused claim or completion changed nothing.
        using var li = await _host.ClientForAsync("clerk-li");
        var task = HttpApi.OpenTask(await li.CaseFileAsync(_caseId), "pre-review");
        Assert.That(task, Is.Not.Null);
        Assert.That((string?)task!["status"], Is.EqualTo("open"));
    }

    private Task<HttpResponseMessage> SendAsync(HttpClient client, string address) => address switch
    {
        "GET /case" => client.GetAsync($"/api/cases/{_caseId}"),
        "GET /timeline" => client.GetAsync($"/api/cases/{_caseId}/timeline"),
        "GET /audit" => client.GetAsync($"/api/cases/{_caseId}/audit"),
        "POST /claim" => client.PostAsync($"/api/tasks/{_taskId}/claim", null),
        "POST /complete" => client.PostAsJsonAsync($"/api/tasks/{_taskId}/complete", new { outcome = "accept" }),
        _ => throw new ArgumentOutOfRangeException(nameof(address), address, null),
    };

    [Test]
    public async Task ItsOwnClerk_ReadsTheCaseFileTimelineAndAudit()
    {
        using var li = await _host.ClientForAsync("clerk-li");
        foreach (var address in new[] { "GET /case", "GET /timeline", "GET /audit" })
        {
            using var response = await SendAsync(li, address);
            await response.ExpectAsync(HttpStatusCode.OK, $"clerk-li {address}");
        }
    }

    [Test]
    public async Task AnotherApplicant_Gets404ForTheCase_AndDoesNotListIt_WhileItsApplicantReadsIt()
    {
        using var liu = await _host.ClientForAsync("applicant-liu");
        using var chen = await _host.ClientForAsync("applicant-chen");

        using var file = await liu.GetAsync($"/api/cases/{_caseId}");
        using var timeline = await liu.GetAsync($"/api/cases/{_caseId}/timeline");
        using var sendEvent = await liu.PostAsJsonAsync($"/api/cases/{_caseId}/events/commitment-signed", new JsonObject());

        await file.ExpectAsync(HttpStatusCode.NotFound, "applicant-liu reads chen's case");
        await timeline.ExpectAsync(HttpStatusCode.NotFound, "applicant-liu reads chen's timeline");
        await sendEvent.ExpectAsync(HttpStatusCode.NotFound, "applicant-liu sends an event to chen's case");
        Assert.That(await CaseIdsAsync("applicant-liu"), Does.Not.Contain(_caseId));
        Assert.That(await CaseIdsAsync("applicant-chen"), Does.Contain(_caseId));
        await chen.CaseFileAsync(_caseId);
    }
}
