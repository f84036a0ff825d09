using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

/// <summary>
/// Every endpoint that reads a body, fed bodies that are not what it takes: malformed JSON, JSON that is not an object,
/// wrong types, unknown and missing fields, 1 MB strings, a body over the 2 MiB limit, deep nesting, a wrong content type.
/// Each answer must be a 4xx problem whose detail says what is wrong and where, never a 500 or a stack trace, and the
/// database must be byte-identical afterwards (nothing half-done). Bodies that would be valid are never sent: the rest of
/// each body is valid, so the one flaw is what is refused.
/// </summary>
[Category(TestCategories.HttpSurface)]
public sealed class BadInputSweepTests
{
    private static readonly string Mb = new('x', 1024 * 1024);
    private static readonly string Food = SeedParticulars.For("food-business-licence").ToJsonString();

    /// <summary>A syntactically valid object over 2 MiB: only its size is wrong.</summary>
    private static readonly string OverLimit = $$"""{"padding":"{{new string('y', 2 * 1024 * 1024 + 16)}}"}""";

    private static readonly string DeepNesting = new string('[', 300) + new string(']', 300);

    /// <summary>
    /// One endpoint: who calls it, its address, and its bad bodies, each with the words its problem's detail must carry
    /// (a JSON path or field name; for the size limit, the body). Reports: the validator's contract is to answer a
    /// definition it can read, however wrong, with 200 and a report of every problem located by JSON path; such a report
    /// (valid false, the names in its errors) stands in for a problem there.
    /// </summary>
    private sealed record Endpoint(string Name, string? User, Func<BadInputSweepTests, string> Path, (string Label, string Body, string[] Names)[] Bodies, bool Reports = false)
    {
        /// <summary>POST, or PUT for the draft.</summary>
        public HttpMethod Method => Name.StartsWith("PUT ", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post;
    }

    /// <summary>Bad bodies any JSON endpoint must refuse; <paramref name="field"/> is one of its fields, so only the syntax is wrong.</summary>
    private static (string, string, string[])[] Common(string field) =>
    [
        .. Syntax(field),
        ("an unknown field", $$"""{"{{field}}":"x","sneaky":1}""", ["$.sneaky"]),
    ];

    /// <summary>Bodies that are not JSON objects, or too large or deep to read.</summary>
    private static (string, string, string[])[] Syntax(string field) =>
    [
        ("truncated JSON", $$"""{"{{field}}":""", ["JSON"]),
        ("trailing garbage", $$$"""{"{{{field}}}":"x"}}""", ["JSON", "$."]),
        ("single quotes", "{'a':1}", ["JSON"]),
        ("an array", "[]", ["$"]),
        ("a string", "\"text\"", ["$"]),
        ("a number", "42", ["$"]),
        ("300 levels deep", DeepNesting, ["depth", "$"]),
        ($"a 1 MB string that is not an object", $"\"{Mb}\"", ["$"]),
        ("over 2 MiB", OverLimit, ["body"]),
    ];

    private static readonly Endpoint[] Endpoints =
    [
        new("POST /api/cases", "applicant-chen", _ => "/api/cases",
        [
            .. Common("procedure"),
            ("procedure missing", """{"input":{}}""", ["$.procedure"]),
            ("procedure a number", """{"procedure":5}""", ["$.procedure"]),
            ("procedure null", """{"procedure":null}""", ["procedure"]),
            ("version a string", """{"procedure":"commitment","version":"one"}""", ["$.version"]),
            ("input an array", """{"procedure":"commitment","input":[1]}""", ["$.input"]),
            ("input a string", """{"procedure":"commitment","input":"x"}""", ["$.input"]),
            // Refused by the handler: the detail names the value it could not use rather than the field.
            ("1 MB procedure name", $$"""{"procedure":"{{Mb}}"}""", ["procedure", "no procedure 'xxx"]),
            ("1 MB applicant name", $$"""{"procedure":"commitment","applicant":"{{Mb}}"}""", ["applicant"]),
            ("1 MB text in the input", $$$"""{"procedure":"commitment","input":{"department":"{{{Mb}}}"}}""", ["input.department", "at most"]),
        ]),
        new("POST /api/applications", "applicant-chen", _ => "/api/applications",
        [
            .. Common("matter"),
            ("matter missing", """{"data":{}}""", ["$.matter"]),
            ("matter a number", """{"matter":5}""", ["$.matter"]),
            ("matter null", """{"matter":null}""", ["matter"]),
            ("data an array", """{"matter":"food-business-licence","data":[1]}""", ["$.data"]),
            ("data a string", """{"matter":"food-business-licence","data":"x"}""", ["$.data"]),
            // Refused by the handler: the detail names the value it could not find.
            ("1 MB matter code", $$"""{"matter":"{{Mb}}"}""", ["matter"]),
            ("renews a number", """{"matter":"food-business-licence","renews":5}""", ["$.renews"]),
            ("renews a licence not held", $$"""{"matter":"food-business-licence","data":{{Food}},"renews":"FB-2026-000001"}""", ["renews"]),
            ("renews blank", $$"""{"matter":"food-business-licence","data":{{Food}},"renews":" "}""", ["renews"]),
            // The matter's form: each problem names its field.
            ("particulars a string for a number", $$"""{"matter":"food-business-licence","data":{{SeedParticulars.For("food-business-licence", d => d["businessArea"] = "big").ToJsonString()}}}""", ["particulars.businessArea"]),
            ("particulars an unknown field", $$"""{"matter":"food-business-licence","data":{{SeedParticulars.For("food-business-licence", d => d["sneaky"] = 1).ToJsonString()}}}""", ["particulars.sneaky"]),
            ("particulars 1 MB of text", $$"""{"matter":"food-business-licence","data":{{SeedParticulars.For("food-business-licence", d => d["shopName"] = Mb).ToJsonString()}}}""", ["particulars.shopName", "at most"]),
        ]),
        new("PUT /api/applications/{id}/particulars", "applicant-chen", t => $"/api/applications/{t._applicationId}/particulars",
        [
            .. Syntax("data"),
            ("data missing", "{}", ["$.data"]),
            ("data an array", """{"data":[1]}""", ["$.data"]),
            ("a required particular missing", """{"data":{}}""", ["particulars.shopName", "required"]),
            ("a choice not offered", $$"""{"data":{{SeedParticulars.For("food-business-licence", d => d["mainBusinessType"] = "bakery").ToJsonString()}}}""", ["particulars.mainBusinessType", "one of"]),
        ]),
        new("POST /api/applications/{id}/submit", "applicant-chen", t => $"/api/applications/{t._applicationId}/submit",
        [
            .. Syntax("commitment"),
            ("an unknown field", """{"commitment":false,"sneaky":1}""", ["$.sneaky"]),
            ("commitment missing", "{}", ["$.commitment"]),
            ("commitment a string", """{"commitment":"yes"}""", ["$.commitment"]),
            ("commitment null", """{"commitment":null}""", ["commitment"]),
        ]),
        new("PUT /api/applicants/{userName}/credit", "admin", _ => "/api/applicants/applicant-chen/credit",
        [
            .. Syntax("seriousBadCredit"),
            ("an unknown field", """{"seriousBadCredit":true,"falseCommitment":false,"sneaky":1}""", ["$.sneaky"]),
            ("falseCommitment missing", """{"seriousBadCredit":true}""", ["falseCommitment"]),
            ("seriousBadCredit a string", """{"seriousBadCredit":"yes","falseCommitment":false}""", ["$.seriousBadCredit"]),
            ("falseCommitment null", """{"seriousBadCredit":true,"falseCommitment":null}""", ["falseCommitment"]),
        ]),
        new("PUT /api/applications/{id}/materials/{code}/licence", "applicant-chen", t => $"/api/applications/{t._applicationId}/materials/business-licence/licence",
        [
            .. Common("number"),
            ("number missing", "{}", ["$.number"]),
            ("number a number", """{"number":5}""", ["$.number"]),
            ("number null", """{"number":null}""", ["number"]),
            ("1 MB number", $$"""{"number":"{{Mb}}"}""", ["number"]),
        ]),
        new("POST /api/applications/{id}/corrections", "applicant-chen", t => $"/api/applications/{t._applicationId}/corrections",
        [
            .. Syntax("materials"),
            ("an unknown field", """{"materials":["business-licence"],"sneaky":1}""", ["$.sneaky"]),
            ("materials missing", "{}", ["$.materials"]),
            ("materials a string", """{"materials":"business-licence"}""", ["$.materials"]),
            ("materials empty", """{"materials":[]}""", ["materials"]),
            ("a blank material", """{"materials":[" "]}""", ["materials"]),
        ]),
        new("POST /api/applications/{id}/supplement", "applicant-chen", t => $"/api/applications/{t._applicationId}/supplement",
        [
            .. Syntax("materials"),
            ("an unknown field", """{"materials":["premises-layout"],"sneaky":1}""", ["$.sneaky"]),
            ("materials missing", "{}", ["$.materials"]),
            ("materials a string", """{"materials":"premises-layout"}""", ["$.materials"]),
            ("materials empty", """{"materials":[]}""", ["materials"]),
            ("a blank material", """{"materials":[" "]}""", ["materials"]),
        ]),
        new("POST /api/tasks/{id}/corrections", "clerk-li", t => $"/api/tasks/{t._taskId}/corrections",
        [
            .. Syntax("items"),
            ("an unknown field", """{"items":[],"sneaky":1}""", ["$.sneaky"]),
            ("items missing", "{}", ["$.items"]),
            ("items a string", """{"items":"everything"}""", ["$.items"]),
            ("items empty", """{"items":[]}""", ["items"]),
            ("an item without its fix", """{"items":[{"material":"business-licence","problem":"unreadable"}]}""", ["fix"]),
            ("an item's material a number", """{"items":[{"material":5,"problem":"p","fix":"f"}]}""", ["$.items[0].material"]),
        ]),
        new("POST /api/cases/{id}/events/{name}", "applicant-chen", t => $"/api/cases/{t._caseId}/events/materials-supplemented",
        [
            // The payload is free-form (any object), so unknown or missing fields are not errors here.
            .. Syntax("materials"),
            ("1 MB text in the payload", $$"""{"materials":"{{Mb}}"}""", ["payload.materials", "at most"]),
        ]),
        new("POST /api/tasks/{id}/assign", "head-zhou", t => $"/api/tasks/{t._taskId}/assign",
        [
            .. Common("assignee"),
            ("assignee missing", "{}", ["$.assignee"]),
            ("assignee a number", """{"assignee":5}""", ["$.assignee"]),
            ("assignee an object", """{"assignee":{}}""", ["$.assignee"]),
            ("assignee null", """{"assignee":null}""", ["assignee"]),
            ("1 MB assignee", $$"""{"assignee":"{{Mb}}"}""", ["assignee"]),
        ]),
        new("POST /api/tasks/{id}/complete", "clerk-li", t => $"/api/tasks/{t._taskId}/complete",
        [
            .. Common("outcome"),
            ("outcome missing", """{"data":{}}""", ["$.outcome"]),
            ("outcome a number", """{"outcome":5}""", ["$.outcome"]),
            ("outcome null", """{"outcome":null}""", ["outcome"]),
            ("data an array", """{"outcome":"accept","data":[1]}""", ["$.data"]),
            ("data a string", """{"outcome":"accept","data":"x"}""", ["$.data"]),
            ("1 MB outcome", $$"""{"outcome":"{{Mb}}"}""", ["outcome", "allows accept"]),
            ("1 MB string in the data", $$$"""{"outcome":"accept","data":{"note":"{{{Mb}}}"}}""", ["data.note", "at most"]),
        ]),
        new("POST /api/extension-notices", "head-zhou", _ => "/api/extension-notices",
        [
            .. Common("department"),
            ("department missing", """{"expiringFrom":"2031-01-01","expiringTo":"2031-12-31","extendMonths":6,"legalBasis":"x"}""", ["$.department"]),
            ("expiringFrom not a date", """{"department":"market-supervision","expiringFrom":"soon","expiringTo":"2031-12-31","extendMonths":6,"legalBasis":"x"}""", ["$.expiringFrom"]),
            ("extendMonths a string", """{"department":"market-supervision","licenceType":"t","expiringFrom":"2031-01-01","expiringTo":"2031-12-31","extendMonths":"six","legalBasis":"x"}""", ["$.extendMonths"]),
            // Refused by the handler: the detail names the fields.
            ("both matter and licence type", """{"department":"market-supervision","matterCode":"food-business-licence","licenceType":"t","expiringFrom":"2031-01-01","expiringTo":"2031-12-31","extendMonths":6,"legalBasis":"x"}""", ["matterCode", "licenceType"]),
            ("window reversed", """{"department":"market-supervision","licenceType":"t","expiringFrom":"2031-12-31","expiringTo":"2031-01-01","extendMonths":6,"legalBasis":"x"}""", ["expiringTo"]),
            ("1 MB legal basis", $$"""{"department":"market-supervision","licenceType":"t","expiringFrom":"2031-01-01","expiringTo":"2031-12-31","extendMonths":6,"legalBasis":"{{Mb}}"}""", ["legalBasis"]),
        ]),
        new("POST /api/licences/{number}/revoke", "head-zhou", _ => "/api/licences/SP-2026-999999/revoke",
        [
            .. Common("reason"),
            ("reason missing", "{}", ["$.reason"]),
            ("reason a number", """{"reason":5}""", ["$.reason"]),
            ("reason blank", """{"reason":"  "}""", ["reason"]),
            ("1 MB reason", $$"""{"reason":"{{Mb}}"}""", ["reason", "at most"]),
        ]),
        new("POST /api/licences/{number}/delivery", "clerk-li", _ => "/api/licences/SP-2026-999999/delivery",
        [
            .. Common("method"),
            ("method missing", "{}", ["$.method"]),
            ("method unknown", """{"method":"pigeon"}""", ["method", "counter"]),
            ("1 MB method", $$"""{"method":"{{Mb}}"}""", ["method"]),
        ]),
        new("POST /api/procedures/validate", "analyst-zhao", _ => "/api/procedures/validate",
        [
            .. Common("definitionId"),
            ("definitionId a number", """{"definitionId":5}""", ["$.definitionId"]),
            ("1 MB definitionId", $$"""{"definitionId":"{{Mb}}","version":1}""", ["$"]),
        ], Reports: true),
        // A definition that reads but does not validate is saved as a draft with its report: only unreadable ones are sent.
        new("PUT /api/procedures/{id}/draft", "analyst-zhao", _ => "/api/procedures/deficiency-pending/draft",
        [
            .. Syntax("definitionId"),
            ("the definitionId of another procedure", """{"definitionId":"commitment","version":1,"name":"x","activities":[],"connections":[]}""", ["$.definitionId"]),
            ("definitionId a number", """{"definitionId":5}""", ["$.definitionId"]),
        ]),
        new("POST /api/procedures/{id}/simulate", "analyst-zhao", _ => "/api/procedures/deficiency-pending/simulate",
        [
            .. Syntax("name"),
            ("steps not a list", """{"name":"x","steps":"none"}""", ["steps"]),
        ]),
        new("POST /api/identity/login", null, _ => "/api/identity/login",
        [
            .. Common("userName"),
            ("password missing", """{"userName":"nobody"}""", ["$.password"]),
            ("userName a number", """{"userName":5,"password":"x"}""", ["$.userName"]),
            ("password null", """{"userName":"nobody","password":null}""", ["password"]),
            ("1 MB userName", $$"""{"userName":"{{Mb}}","password":"x"}""", ["userName", "password"]),
        ]),
        new("POST /api/identity/refresh", null, _ => "/api/identity/refresh",
        [
            .. Common("refreshToken"),
            ("refreshToken missing", "{}", ["$.refreshToken"]),
            ("refreshToken a number", """{"refreshToken":5}""", ["$.refreshToken"]),
            ("1 MB refreshToken", $$"""{"refreshToken":"{{Mb}}"}""", ["token"]),
        ]),
    ];

    private WebHost _host = null!;
    private string _caseId = null!;
    private long _taskId;
    private string _applicationId = null!;

    [OneTimeSetUp]
    public async Task StartACaseWithAnOpenTask()
    {
        _host = new WebHost();
        using var applicant = await _host.ClientForAsync("applicant-chen");
        _caseId = await applicant.StartCaseAsync("deficiency-pending", new JsonObject { ["department"] = "market-supervision" });
        _taskId = (long)(await applicant.OpenTaskAsync(_caseId, "pre-review"))["id"]!;
        using (var draft = await applicant.PostJsonAsync("/api/applications", $$"""{"matter":"food-business-licence","data":{{SeedParticulars.For("food-business-licence").ToJsonString()}}}"""))
            _applicationId = (string)(await draft.ExpectAsync(HttpStatusCode.Created, "a draft to submit"))["id"]!;
        // Sign everyone in now: a sign-in writes, and the sweep's comparison must see only what the bad bodies did.
        foreach (var user in Endpoints.Select(e => e.User).OfType<string>().Append("clerk-li")) (await _host.ClientForAsync(user)).Dispose();
    }

    [OneTimeTearDown]
    public void StopHost() => _host.Dispose();

    /// <summary>Each endpoint's bad bodies and one with a wrong content type.</summary>
    private static int RequestsTo(Endpoint e) => e.Bodies.Length + 1;

    private static IEnumerable<TestCaseData> Sweep()
    {
        var total = Endpoints.Sum(RequestsTo);
        return Endpoints.Select(e => new TestCaseData(e.Name).SetName(
            $"{e.Name}: {RequestsTo(e)} of {total} bad requests over {Endpoints.Length} endpoints, each {(e.Reports ? "a located validation report or " : "")}a 4xx problem naming where, database unchanged"));
    }

    [TestCaseSource(nameof(Sweep))]
    public async Task BadBodies_AreRefusedWithProblems_AndChangeNothing(string name)
    {
        var endpoint = Endpoints.Single(e => e.Name == name);
        using var client = await _host.ClientForAsync(endpoint.User);
        var before = await DatabaseSnapshot.HashAsync(_host.Database);
        var failures = new List<string>();

        foreach (var (label, body, names) in endpoint.Bodies)
        {
            using var request = new HttpRequestMessage(endpoint.Method, endpoint.Path(this)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await client.SendAsync(request);
            failures.AddRange(await CheckAsync(label, response, names, endpoint.Reports));
        }
        using (var plainRequest = new HttpRequestMessage(endpoint.Method, endpoint.Path(this)) { Content = new StringContent("{}", Encoding.UTF8, "text/plain") })
        using (var plain = await client.SendAsync(plainRequest))
            failures.AddRange(await CheckAsync("text/plain content", plain, ["Content-Type", "$"], endpoint.Reports));
        var after = await DatabaseSnapshot.HashAsync(_host.Database);

        TestContext.Out.WriteLine($"{name}: {RequestsTo(endpoint)} requests");
        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures));
        Assert.That(after, Is.EqualTo(before), "the database file changed");
    }

    /// <summary>What is wrong with one answer, if anything (collected, so one run shows the whole sweep).</summary>
    private static async Task<List<string>> CheckAsync(string label, HttpResponseMessage response, string[] names, bool reports)
    {
        var text = await response.Content.ReadAsStringAsync();
        var shown = text.Length > 300 ? text[..300] + "…" : text;
        var status = (int)response.StatusCode;
        var problems = new List<string>();
        if (reports && status == 200)
        {
            var report = JsonNode.Parse(text)!;
            var errors = report["errors"]!.ToJsonString();
            if ((bool?)report["valid"] != false || !names.Any(n => errors.Contains(n, StringComparison.OrdinalIgnoreCase)))
                problems.Add($"{label}: the report does not locate {string.Join(" or ", names)}: {shown}");
            return problems;
        }
        if (status is < 400 or > 499) problems.Add($"{label}: status {status}: {shown}");
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            problems.Add($"{label}: content type {response.Content.Headers.ContentType}: {shown}");
        if (text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal))
            problems.Add($"{label}: a stack trace or exception name: {shown}");
        string? detail = null;
        try
        {
            detail = (string?)JsonNode.Parse(text)?["detail"];
        }
        catch (System.Text.Json.JsonException)
        {
            // Reported below as a missing detail.
        }
        if (detail is null || !names.Any(n => detail.Contains(n, StringComparison.OrdinalIgnoreCase)))
            problems.Add($"{label}: {status} detail does not name {string.Join(" or ", names)}: {shown}");
        return problems;
    }

    /// <summary>The comparison can fail: one valid change (a claim) alters the hash.</summary>
    [Test]
    public async Task DatabaseSnapshot_ChangesWhenSomethingIsWritten()
    {
        using var applicant = await _host.ClientForAsync("applicant-chen");
        var caseId = await applicant.StartCaseAsync("deficiency-pending", new JsonObject { ["department"] = "market-supervision" });
        var task = (long)(await applicant.OpenTaskAsync(caseId, "pre-review"))["id"]!;
        var before = await DatabaseSnapshot.HashAsync(_host.Database);
        using var li = await _host.ClientForAsync("clerk-li");

        using var claim = await li.PostAsync($"/api/tasks/{task}/claim", null);

        await claim.ExpectAsync(HttpStatusCode.NoContent, "claim");
        Assert.That(await DatabaseSnapshot.HashAsync(_host.Database), Is.Not.EqualTo(before));
    }
}
