using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

/// <summary>
/// Scoped sharing over HTTP: market supervision handles a joint review and asks planning-resources for its opinion,
/// sharing the site plan. While the request is open clerk-wang (planning) reads the shared slice of the case and every
/// other address of it answers 404; clerk-li (market supervision) reads it whole; once planning has answered, the case
/// is unknown to clerk-wang again. clerk-zhang (human resources) is never asked and never sees it.
/// </summary>
public sealed class ScopedSharingApiTests
{
    private WebHost _host = null!;
    private string _caseId = null!;

    [OneTimeSetUp]
    public async Task StartAJointReviewOfMarketSupervision()
    {
        _host = new WebHost();
        _caseId = await StartAsync();
    }

    private async Task<string> StartAsync()
    {
        using var applicant = await _host.ClientForAsync("applicant-chen");
        return await applicant.StartCaseAsync("joint-review", new JsonObject
        {
            ["department"] = "market-supervision",
            ["leadDepartment"] = "market-supervision",
            ["departments"] = new JsonArray("planning-resources"),
            ["sharedMaterials"] = new JsonArray("site-plan"),
        });
    }

    [OneTimeTearDown]
    public void StopHost() => _host.Dispose();

    private static IEnumerable<TestCaseData> Refused() =>
        new[] { "GET /timeline", "GET /audit", "GET /application/verify", "GET /materials/business-licence", "POST /events" }
            .Select(a => new TestCaseData(a).SetName($"A_consulted_clerk_gets_404_for {a}"));

    [TestCaseSource(nameof(Refused))]
    public async Task A_consulted_clerk_gets_404_for_every_address_outside_the_slice(string address)
    {
        using var wang = await _host.ClientForAsync("clerk-wang");

        using var response = await SendAsync(wang, address);

        var problem = await response.ExpectAsync(HttpStatusCode.NotFound, $"clerk-wang {address}");
        Assert.That((string?)problem["code"], Is.AnyOf("unknown-case", "unknown-material"));
    }

    [Test]
    public async Task A_consulted_clerk_reads_the_shared_slice_and_the_handling_clerk_the_whole_case()
    {
        using var wang = await _host.ClientForAsync("clerk-wang");
        using var li = await _host.ClientForAsync("clerk-li");

        var slice = await wang.CaseFileAsync(_caseId);
        var whole = await li.CaseFileAsync(_caseId);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(slice["sharedMaterials"]!.AsArray().Select(m => (string?)m), Is.EqualTo(new[] { "site-plan" }));
            Assert.That(slice["tasks"]!.AsArray().Select(t => (string?)t!["department"]), Is.EqualTo(new[] { "planning-resources" }));
            Assert.That(slice["timeline"]!.AsArray(), Is.Empty);
            Assert.That(slice["input"], Is.Null);
            Assert.That(whole["sharedMaterials"], Is.Null);
            Assert.That(whole["timeline"]!.AsArray(), Is.Not.Empty);
        }
        Assert.That(await CaseIdsAsync(wang), Does.Not.Contain(_caseId), "a slice is not one of planning's cases");
        Assert.That(await CaseIdsAsync(li), Does.Contain(_caseId));
        using var zhang = await _host.ClientForAsync("clerk-zhang");
        await (await zhang.GetAsync($"/api/cases/{_caseId}")).ExpectAsync(HttpStatusCode.NotFound, "clerk-zhang reads a case nobody asked human resources about");
    }

    [Test]
    public async Task The_slice_closes_when_the_consulted_department_has_answered()
    {
        var caseId = await StartAsync();
        using var wang = await _host.ClientForAsync("clerk-wang");
        var request = HttpApi.OpenTask(await wang.CaseFileAsync(caseId), "opinion")!;

        using var answered = await wang.PostAsJsonAsync($"/api/tasks/{(long)request["id"]!}/complete", new { outcome = "agree" });
        await answered.ExpectAsync(HttpStatusCode.OK, "clerk-wang answers");

        await (await wang.GetAsync($"/api/cases/{caseId}")).ExpectAsync(HttpStatusCode.NotFound, "clerk-wang after answering");
        await (await wang.GetAsync($"/api/cases/{caseId}/materials")).ExpectAsync(HttpStatusCode.NotFound, "clerk-wang's materials after answering");
        var task = await (await wang.GetAsync($"/api/tasks/{(long)request["id"]!}")).ExpectAsync(HttpStatusCode.OK, "clerk-wang's own answered task");
        Assert.That((string?)task["outcome"], Is.EqualTo("agree"));
    }

    private async Task<List<string>> CaseIdsAsync(HttpClient client)
    {
        var page = await (await client.GetAsync("/api/cases?limit=500")).ExpectAsync(HttpStatusCode.OK, "cases");
        return page["cases"]!.AsArray().Select(c => (string)c!["id"]!).ToList();
    }

    private Task<HttpResponseMessage> SendAsync(HttpClient client, string address) => address switch
    {
        "GET /timeline" => client.GetAsync($"/api/cases/{_caseId}/timeline"),
        "GET /audit" => client.GetAsync($"/api/cases/{_caseId}/audit"),
        "GET /application/verify" => client.GetAsync($"/api/cases/{_caseId}/application/verify"),
        "GET /materials/business-licence" => client.GetAsync($"/api/cases/{_caseId}/materials/business-licence"),
        "POST /events" => client.PostAsJsonAsync($"/api/cases/{_caseId}/events/correction-submitted", new JsonObject()),
        _ => throw new ArgumentOutOfRangeException(nameof(address), address, null),
    };
}
