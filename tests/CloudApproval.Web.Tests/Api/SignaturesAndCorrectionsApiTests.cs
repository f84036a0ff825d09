using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

/// <summary>
/// Over real HTTP: applicant-chen's e-signature on a submitted food business licence application and its verification;
/// clerk-li's correction request answered online; materials given by an e-licence; the applicant's paged list.
/// </summary>
public sealed class SignaturesAndCorrectionsApiTests
{
    private const string Matter = "food-business-licence";
    private static readonly string[] Required = ["application-form", "business-licence", "legal-representative-id", "premises-layout"];

    private WebHost _host = null!;

    [OneTimeSetUp]
    public void StartHost() => _host = new WebHost();

    [OneTimeTearDown]
    public void StopHost() => _host.Dispose();

    private static byte[] Pdf(string text) => Encoding.UTF8.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\n%" + text + "\n%%EOF\n");

    private static async Task<string> DraftAsync(HttpClient client, params string[] materials)
    {
        using var created = await client.PostAsJsonAsync("/api/applications", new JsonObject { ["matter"] = Matter, ["data"] = SeedParticulars.For(Matter) });
        var id = (string)(await created.ExpectAsync(HttpStatusCode.Created, "draft"))["id"]!;
        foreach (var material in materials) await UploadAsync(client, id, material, material + ".pdf", Pdf(material + Guid.NewGuid()), HttpStatusCode.Created);
        return id;
    }

    private static async Task<JsonNode> UploadAsync(HttpClient client, string id, string material, string fileName, byte[] bytes, HttpStatusCode expected)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        using var response = await client.PostAsync($"/api/applications/{id}/materials/{material}", form);
        return await response.ExpectAsync(expected, $"upload {fileName} as {material}");
    }

    private static async Task<(string Id, string CaseId)> SubmittedAsync(HttpClient client)
    {
        var id = await DraftAsync(client, Required);
        using var submitted = await client.PostJsonAsync($"/api/applications/{id}/submit", """{"commitment":false}""");
        return (id, (string)(await submitted.ExpectAsync(HttpStatusCode.Created, "submit"))["caseId"]!);
    }

    private async Task<JsonNode> VerifyAsync(string user, string caseId, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var client = await _host.ClientForAsync(user);
        using var response = await client.GetAsync($"/api/cases/{caseId}/application/verify");
        return await response.ExpectAsync(expected, $"verify as {user}");
    }

    [Test]
    public async Task TheSubmittedApplicationsSignatureVerifies_ForTheCasesReaders_AndAChangedFileIsNamed()
    {
        using var chen = await _host.ClientForAsync("applicant-chen");
        var (id, caseId) = await SubmittedAsync(chen);

        var clean = await VerifyAsync("clerk-li", caseId);
        await VerifyAsync("auditor-sun", caseId);
        await VerifyAsync("applicant-liu", caseId, HttpStatusCode.NotFound);
        await VerifyAsync("clerk-wang", caseId, HttpStatusCode.NotFound);

        using var materials = await chen.GetAsync($"/api/applications/{id}/materials");
        var sha = (string)(await materials.ExpectAsync(HttpStatusCode.OK, "materials")).AsArray().Single(m => (string?)m!["code"] == "premises-layout")!["sha256"]!;
        var file = Path.Combine(_host.Folder, "blobs", sha[..2], sha[2..4], sha);
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[0] ^= 0x20;
        await File.WriteAllBytesAsync(file, bytes);
        var tampered = await VerifyAsync("clerk-li", caseId);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((bool?)clean["valid"], Is.True, clean.ToJsonString());
            Assert.That(clean["statements"]!.AsArray().Select(s => (string?)s!["kind"]), Does.Contain("application"));
            Assert.That((bool?)tampered["valid"], Is.False);
            Assert.That(tampered["problems"]!.AsArray().Select(p => (string?)p), Has.Exactly(1).Contains("material premises-layout").And.Contains("changed"));
        }
    }

    [Test]
    public async Task ACorrectionRound_OverHttp_ClerkRequests_ApplicantSeesAndAnswers_AndTheCaseMovesOn()
    {
        using var chen = await _host.ClientForAsync("applicant-chen");
        using var li = await _host.ClientForAsync("clerk-li");
        var (id, caseId) = await SubmittedAsync(chen);
        var task = (long)(await li.OpenTaskAsync(caseId, "pre-review"))["id"]!;

        using (var unknown = await li.PostJsonAsync($"/api/tasks/{task}/corrections", """{"items":[{"material":"lease","problem":"missing","fix":"upload it"}]}"""))
        {
            var problem = await unknown.ExpectAsync(HttpStatusCode.BadRequest, "unknown material");
            Assert.That((string?)problem["detail"], Does.Contain("items[0].material").And.Contain("'lease'"));
        }
        using (var requested = await li.PostJsonAsync($"/api/tasks/{task}/corrections",
            """{"items":[{"material":"business-licence","problem":"the copy is unreadable","fix":"upload a clear scan"}]}"""))
            await requested.ExpectAsync(HttpStatusCode.Created, "correction request");

        using var open = await chen.GetAsync("/api/my/corrections");
        var requests = (await open.ExpectAsync(HttpStatusCode.OK, "my corrections")).AsArray();
        Assert.That(requests, Has.Count.EqualTo(1));
        Assert.That(requests[0]!["items"]![0]!["fix"]!.GetValue<string>(), Is.EqualTo("upload a clear scan"));
        Assert.That((string?)requests[0]!["deadline"], Is.Not.Null);
        Assert.That((string?)requests[0]!["consequence"], Does.Contain("withdrawn"));

        await UploadAsync(chen, id, "premises-layout", "x.pdf", Pdf("x"), HttpStatusCode.BadRequest);
        var uploaded = await UploadAsync(chen, id, "business-licence", "clear.pdf", Pdf("clear scan"), HttpStatusCode.Created);
        Assert.That((int?)uploaded["version"], Is.EqualTo(2));
        using (var notAsked = await chen.PostJsonAsync($"/api/applications/{id}/corrections", """{"materials":["business-licence","premises-layout"]}"""))
        {
            var problem = await notAsked.ExpectAsync(HttpStatusCode.BadRequest, "a material not asked for");
            Assert.That((string?)problem["detail"], Does.Contain("'premises-layout'"));
        }
        using (var answered = await chen.PostJsonAsync($"/api/applications/{id}/corrections", """{"materials":["business-licence"]}"""))
            Assert.That((int?)(await answered.ExpectAsync(HttpStatusCode.OK, "answer"))["revision"], Is.EqualTo(2));
        using (var again = await chen.PostJsonAsync($"/api/applications/{id}/corrections", """{"materials":["business-licence"]}"""))
            Assert.That((string?)(await again.ExpectAsync(HttpStatusCode.Conflict, "answered twice"))["code"], Is.EqualTo("correction-not-open"));

        await li.OpenTaskAsync(caseId, "review-correction");
        var verified = await VerifyAsync("clerk-li", caseId);
        Assert.That((bool?)verified["valid"], Is.True, verified.ToJsonString());
    }

    [Test]
    public async Task TheCasesMaterials_AreReadByItsClerk_EveryVersionHandedIn_AndAreUnknownToAnotherDepartment()
    {
        using var chen = await _host.ClientForAsync("applicant-chen");
        using var li = await _host.ClientForAsync("clerk-li");
        using var wang = await _host.ClientForAsync("clerk-wang");
        var (id, caseId) = await SubmittedAsync(chen);
        var task = (long)(await li.OpenTaskAsync(caseId, "pre-review"))["id"]!;
        using (var requested = await li.PostJsonAsync($"/api/tasks/{task}/corrections",
            """{"items":[{"material":"business-licence","problem":"the copy is unreadable","fix":"upload a clear scan"}]}"""))
            await requested.ExpectAsync(HttpStatusCode.Created, "correction request");
        var clear = Pdf("clear scan " + Guid.NewGuid());
        await UploadAsync(chen, id, "business-licence", "clear.pdf", clear, HttpStatusCode.Created);

        var beforeAnswer = (await (await li.GetAsync($"/api/cases/{caseId}/materials")).ExpectAsync(HttpStatusCode.OK, "materials")).AsArray();
        using (var answered = await chen.PostJsonAsync($"/api/applications/{id}/corrections", """{"materials":["business-licence"]}"""))
            await answered.ExpectAsync(HttpStatusCode.OK, "answer");
        var afterAnswer = (await (await li.GetAsync($"/api/cases/{caseId}/materials")).ExpectAsync(HttpStatusCode.OK, "materials")).AsArray();
        using var download = await li.GetAsync($"/api/cases/{caseId}/materials/business-licence");
        using var preview = await li.GetAsync($"/api/cases/{caseId}/materials/business-licence?inline=true");
        using var first = await li.GetAsync($"/api/cases/{caseId}/materials/business-licence?version=1");
        using var hidden = await wang.GetAsync($"/api/cases/{caseId}/materials");
        using var hiddenFile = await wang.GetAsync($"/api/cases/{caseId}/materials/business-licence");

        static IEnumerable<(int, bool)> Versions(JsonArray list) => list.Where(m => (string)m!["code"]! == "business-licence")
            .Select(m => ((int)m!["version"]!, (bool)m["current"]!));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Versions(beforeAnswer), Is.EqualTo(new[] { (1, true) }), "a file not yet handed in is the applicant's draft");
            Assert.That(Versions(afterAnswer), Is.EqualTo(new[] { (2, true), (1, false) }));
            Assert.That(afterAnswer.Select(m => (string)m!["code"]!).Distinct(), Is.EquivalentTo(Required));
            Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(clear));
            Assert.That(download.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
            Assert.That(preview.Content.Headers.ContentDisposition, Is.Null, "a PDF shown in the browser");
            Assert.That(await first.Content.ReadAsByteArrayAsync(), Is.Not.EqualTo(clear), "the version a correction replaced");
            Assert.That(hidden.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(hiddenFile.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
    }

    [Test]
    public async Task CompletingPreReviewWithACorrectionTextOnAnOnlineApplication_IsRefused()
    {
        using var chen = await _host.ClientForAsync("applicant-chen");
        using var li = await _host.ClientForAsync("clerk-li");
        var (_, caseId) = await SubmittedAsync(chen);
        var task = (long)(await li.OpenTaskAsync(caseId, "pre-review"))["id"]!;

        using var refused = await li.PostJsonAsync($"/api/tasks/{task}/complete", """{"outcome":"request-correction","data":{"corrections":"unreadable"}}""");

        Assert.That((string?)(await refused.ExpectAsync(HttpStatusCode.BadRequest, "text corrections"))["code"], Is.EqualTo("correction-items-required"));
    }

    [Test]
    public async Task AMaterialGivenByTheApplicantsELicence_IsAccepted_AndAnotherApplicantsIsRefused()
    {
        using var analyst = await _host.ClientForAsync("analyst-zhao");
        using (var draft = await analyst.PutAsync("/api/procedures/business-registration/draft", HttpApi.Json(Registration.ToJsonString())))
            await draft.ExpectAsync(HttpStatusCode.OK, "registration draft");
        using (var published = await analyst.PostAsync("/api/procedures/business-registration/draft/publish", null))
            Assert.That(published.IsSuccessStatusCode, Is.True, await published.Content.ReadAsStringAsync());
        using var chen = await _host.ClientForAsync("applicant-chen");
        using var liu = await _host.ClientForAsync("applicant-liu");
        // Market supervision registers businesses: its seal goes on the licence.
        var registration = await chen.StartCaseAsync("business-registration", new JsonObject { ["department"] = "market-supervision" });
        var number = (string)(await chen.CaseFileAsync(registration))["licences"]![0]!["number"]!;
        var id = await DraftAsync(chen, "application-form", "legal-representative-id", "premises-layout");
        var liusDraft = await DraftAsync(liu);

        using var theirs = await liu.PutAsJsonAsync($"/api/applications/{liusDraft}/materials/business-licence/licence", new { number });
        using var wrongType = await chen.PutAsJsonAsync($"/api/applications/{id}/materials/legal-representative-id/licence", new { number });
        using var attached = await chen.PutAsJsonAsync($"/api/applications/{id}/materials/business-licence/licence", new { number });
        using var submitted = await chen.PostJsonAsync($"/api/applications/{id}/submit", """{"commitment":false}""");

        Assert.That((string?)(await theirs.ExpectAsync(HttpStatusCode.BadRequest, "another's licence"))["code"], Is.EqualTo("licence-not-yours"));
        Assert.That((string?)(await wrongType.ExpectAsync(HttpStatusCode.BadRequest, "wrong type"))["code"], Is.EqualTo("licence-wrong-type"));
        Assert.That((string?)(await attached.ExpectAsync(HttpStatusCode.OK, "attach"))["licenceNumber"], Is.EqualTo(number));
        await submitted.ExpectAsync(HttpStatusCode.Created, "submit with the e-licence");
        using var application = await chen.GetAsync($"/api/applications/{id}");
        Assert.That((await application.ExpectAsync(HttpStatusCode.OK, "application"))["eLicences"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("business-licence"));
    }

    [Test]
    public async Task MyApplications_ArePagedByCursor_FilteredByStatus_AndADraftIsWithdrawn()
    {
        using var liu = await _host.ClientForAsync("applicant-liu");
        var first = await DraftAsync(liu);
        var second = await DraftAsync(liu);
        var (submitted, _) = await SubmittedAsync(liu);

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            using var page = await liu.GetAsync($"/api/my/applications?limit=2{(cursor is null ? "" : "&after=" + Uri.EscapeDataString(cursor))}");
            var body = await page.ExpectAsync(HttpStatusCode.OK, "page");
            seen.AddRange(body["applications"]!.AsArray().Select(a => (string)a!["id"]!));
            cursor = (string?)body["nextCursor"];
        }
        while (cursor is not null);
        using var onlySubmitted = await liu.GetAsync("/api/my/applications?status=submitted");
        using var badStatus = await liu.GetAsync("/api/my/applications?status=approved");
        using var withdrawn = await liu.DeleteAsync($"/api/applications/{first}");
        using var gone = await liu.GetAsync($"/api/applications/{first}");
        using var notADraft = await liu.DeleteAsync($"/api/applications/{submitted}");
        using var chen = await _host.ClientForAsync("applicant-chen");
        using var notHers = await chen.DeleteAsync($"/api/applications/{second}");

        Assert.That(seen.Where(new[] { first, second, submitted }.Contains), Is.EqualTo(new[] { submitted, second, first }));
        Assert.That((await onlySubmitted.ExpectAsync(HttpStatusCode.OK, "submitted only"))["applications"]!.AsArray().Select(a => (string?)a!["status"]), Is.All.EqualTo("submitted"));
        Assert.That((string?)(await badStatus.ExpectAsync(HttpStatusCode.BadRequest, "bad status"))["detail"], Does.Contain("status"));
        Assert.That(withdrawn.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(notADraft.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(notHers.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    /// <summary>A procedure that issues a business-licence at once (none of the seed procedures issues one).</summary>
    private static JsonObject Registration => new()
    {
        ["definitionId"] = "business-registration",
        ["version"] = 1,
        ["name"] = "Business registration (test) 营业执照",
        ["variables"] = new JsonArray(),
        ["activities"] = new JsonArray(
            new JsonObject { ["id"] = "start", ["type"] = "Start", ["displayName"] = "start", ["inputs"] = new JsonObject() },
            new JsonObject { ["id"] = "issue", ["type"] = "IssueLicence", ["displayName"] = "issue", ["inputs"] = new JsonObject { ["licenceType"] = "business-licence", ["validity"] = "1y", ["template"] = "licence" } },
            new JsonObject { ["id"] = "end", ["type"] = "End", ["displayName"] = "end", ["inputs"] = new JsonObject { ["outcome"] = "approved" } }),
        ["connections"] = new JsonArray(
            new JsonObject { ["source"] = "start", ["outcome"] = "done", ["target"] = "issue" },
            new JsonObject { ["source"] = "issue", ["outcome"] = "done", ["target"] = "end" }),
    };
}
