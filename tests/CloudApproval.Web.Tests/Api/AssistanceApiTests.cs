using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

/// <summary>
/// Administrative assistance over HTTP: market supervision (clerk-li) asks planning for a site's planning conditions on its
/// case; the request reaches planning's inbox (clerk-wang) as a task of its own assistance case, is declined there (first
/// without reasons, refused), and the decline with its reasons is what clerk-li lists. Greening (clerk-lin) sees nothing.
/// </summary>
public sealed class AssistanceApiTests
{
    private WebHost _host = null!;

    [OneTimeSetUp]
    public void Start() => _host = new WebHost();

    [OneTimeTearDown]
    public void Stop() => _host.Dispose();

    private async Task<string> CaseOfMarketSupervisionAsync()
    {
        using var applicant = await _host.ClientForAsync("applicant-chen");
        return await applicant.StartCaseAsync("deficiency-pending", new JsonObject { ["department"] = "market-supervision" });
    }

    [Test]
    public async Task A_request_reaches_the_assisting_inbox_and_its_decline_comes_back_with_reasons()
    {
        var caseId = await CaseOfMarketSupervisionAsync();
        using var li = await _host.ClientForAsync("clerk-li");
        using var wang = await _host.ClientForAsync("clerk-wang");
        using var lin = await _host.ClientForAsync("clerk-lin");

        var made = await (await li.PostAsJsonAsync($"/api/cases/{caseId}/assistance", new { item = "planning-conditions", question = "Zoning of plot 12-03?" }))
            .ExpectAsync(HttpStatusCode.Created, "the request");
        Assert.That(((string?)made["status"], (string?)made["assistingDepartment"]), Is.EqualTo(("open", "planning-resources")));
        var assistanceCase = (string)made["assistanceCaseId"]!;
        var inbox = await (await wang.GetAsync("/api/tasks?mine=false&limit=500")).ExpectAsync(HttpStatusCode.OK, "planning's inbox");
        var task = inbox["tasks"]!.AsArray().Single(t => (string?)t!["caseId"] == assistanceCase);
        Assert.That((string?)task!["activityId"], Is.EqualTo("answer-assistance"));

        var refused = await (await wang.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "decline" })).JsonAsync();
        Assert.That((string?)refused["code"], Is.EqualTo("rejected-invalid-data"));
        Assert.That((string?)refused["detail"], Does.Contain("reasons"));
        await (await wang.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "decline", data = new { reasons = "outside our district" } }))
            .ExpectAsync(HttpStatusCode.OK, "the decline");

        var listed = (await (await li.GetAsync($"/api/cases/{caseId}/assistance")).ExpectAsync(HttpStatusCode.OK, "the requests")).AsArray().Single()!;
        Assert.That(((string?)listed["status"], (string?)listed["declineReasons"], (string?)listed["answeredBy"]),
            Is.EqualTo(("declined", "outside our district", "clerk-wang")));
        Assert.That((await lin.GetAsync($"/api/cases/{caseId}/assistance")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await wang.GetAsync($"/api/cases/{caseId}/assistance")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound),
            "the assisting department reads its assistance case, not the requesting case");
    }

    [Test]
    public async Task Bad_requests_name_the_field_and_the_catalogue_lists_every_item()
    {
        var caseId = await CaseOfMarketSupervisionAsync();
        using var li = await _host.ClientForAsync("clerk-li");

        var noQuestion = await (await li.PostAsJsonAsync($"/api/cases/{caseId}/assistance", new { item = "planning-conditions" }))
            .ExpectAsync(HttpStatusCode.BadRequest, "no question");
        Assert.That((string?)noQuestion["detail"], Does.Contain("$.question"));
        var blank = await (await li.PostAsJsonAsync($"/api/cases/{caseId}/assistance", new { item = "planning-conditions", question = "  " }))
            .ExpectAsync(HttpStatusCode.BadRequest, "a blank question");
        Assert.That((string?)blank["detail"], Does.StartWith("question:"));
        var unknown = await (await li.PostAsJsonAsync($"/api/cases/{caseId}/assistance", new { item = "nope", question = "?" }))
            .ExpectAsync(HttpStatusCode.NotFound, "unknown item");
        Assert.That((string?)unknown["detail"], Does.StartWith("item:"));
        var own = await (await li.PostAsJsonAsync($"/api/cases/{caseId}/assistance", new { item = "food-business-licence-held", question = "?" }))
            .ExpectAsync(HttpStatusCode.BadRequest, "own department");
        Assert.That((string?)own["code"], Is.EqualTo("own-department"));
        Assert.That((await (await li.GetAsync($"/api/cases/{caseId}/assistance")).ExpectAsync(HttpStatusCode.OK, "nothing made")).AsArray(), Is.Empty);

        var catalogue = (await (await li.GetAsync("/api/assistance/catalogue")).ExpectAsync(HttpStatusCode.OK, "the catalogue")).AsArray();
        Assert.That(catalogue.Select(i => (string?)i!["code"]),
            Is.EqualTo(new[] { "food-business-licence-held", "labour-dispatch-licence-held", "planning-conditions", "protected-trees-on-site" }));
        Assert.That((string?)catalogue[0]!["dataPort"]!["licenceType"], Is.EqualTo("food-business-licence"));
    }
}
