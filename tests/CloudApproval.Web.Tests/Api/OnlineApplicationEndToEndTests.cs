using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Archive;
using CloudApproval.Cases.Documents;
using CloudApproval.Cases.Hosting;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

/// <summary>
/// The whole online path over real HTTP, for an enterprise and a person: profile, application with uploads, the clerks'
/// decisions, the licence, the closing archive. The food business licence (market-supervision) runs the commitment
/// procedure: clerk-li pre-reviews and reviews, clerk-ma verifies a commitment after approval.
/// </summary>
public sealed class OnlineApplicationEndToEndTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
    private static readonly string[] KeyMaterials = ["application-form", "business-licence", "legal-representative-id"];

    private WebHost _host = null!;

    [OneTimeSetUp]
    public void StartHost() => _host = new WebHost();

    [OneTimeTearDown]
    public void StopHost() => _host.Dispose();

    private static async Task PutProfileAsync(HttpClient client, string json)
    {
        using var put = await client.PutAsync("/api/my/profile", HttpApi.Json(json));
        await put.ExpectAsync(HttpStatusCode.OK, "profile");
    }

    private static async Task<string> ApplyAsync(HttpClient client, IEnumerable<string> materials, string matter = "food-business-licence")
    {
        using var created = await client.PostAsJsonAsync("/api/applications", new JsonObject { ["matter"] = matter, ["data"] = SeedParticulars.For(matter) });
        var id = (string)(await created.ExpectAsync(HttpStatusCode.Created, "draft"))["id"]!;
        foreach (var material in materials) await UploadAsync(client, id, material);
        return id;
    }

    /// <summary>Uploads a PDF for the material; a second upload is its next version (a correction).</summary>
    private static async Task UploadAsync(HttpClient client, string applicationId, string material)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent([.. Pdf, .. Encoding.ASCII.GetBytes(material + Guid.NewGuid())]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", material + ".pdf");
        using var uploaded = await client.PostAsync($"/api/applications/{applicationId}/materials/{material}", form);
        await uploaded.ExpectAsync(HttpStatusCode.Created, $"upload {material}");
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string applicationId, bool commitment) =>
        await client.PostJsonAsync($"/api/applications/{applicationId}/submit", $$"""{"commitment":{{(commitment ? "true" : "false")}}}""");

    private static async Task CompleteAsync(HttpClient clerk, string caseId, string activity, string outcome, JsonObject? data = null)
    {
        var task = await clerk.OpenTaskAsync(caseId, activity);
        using var done = await clerk.PostAsJsonAsync($"/api/tasks/{(long)task["id"]!}/complete", new JsonObject { ["outcome"] = outcome, ["data"] = data ?? [] });
        await done.ExpectAsync(HttpStatusCode.OK, $"{activity}: {outcome}");
    }

    private static async Task SendAsync(HttpClient applicant, string caseId, string name)
    {
        using var sent = await applicant.PostAsJsonAsync($"/api/cases/{caseId}/events/{name}", new JsonObject());
        await sent.ExpectAsync(HttpStatusCode.OK, $"event {name}");
    }

    private async Task<ArchiveCheck> ArchiveCheckAsync(string caseId)
    {
        using var auditor = await _host.ClientForAsync("auditor-sun");
        var (response, bytes) = await auditor.ArchiveAsync(caseId);
        using var _ = response;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the archive of the closed case");
        var seals = new DepartmentSeals(new CasesSettings { WorkflowsFolder = Repo.Workflows, SealKeysFolder = _host.SealKeysFolder, GenerateMissingSealKeys = false });
        return await ArchiveVerifier.VerifyAsync(new MemoryStream(bytes), seals);
    }

    [Test]
    public async Task Enterprise_AppliesWithACommitment_IsApprovedAtOnce_GetsItsLicence_AndTheVerifiedCaseIsArchived()
    {
        using var chen = await _host.ClientForAsync("applicant-chen");
        await PutProfileAsync(chen, """
            {"kind":"enterprise","name":"上海陈记餐饮有限公司","creditCode":"91350100M000100Y43",
             "legalRepresentative":{"name":"陈静","idNumber":"11010519491231002X"},
             "electronicService":{"consented":true,"scope":["notices","decisions","licences","enforcement"]}}
            """);
        // The premises layout is replaced by the commitment; the food-safety materials are deferred (容缺).
        var applicationId = await ApplyAsync(chen, KeyMaterials);
        using var submitted = await SubmitAsync(chen, applicationId, commitment: true);
        var caseId = (string)(await submitted.ExpectAsync(HttpStatusCode.Created, "submit"))["caseId"]!;

        using var li = await _host.ClientForAsync("clerk-li");
        using var ma = await _host.ClientForAsync("clerk-ma");
        await CompleteAsync(li, caseId, "pre-review", "accept");
        await SendAsync(chen, caseId, "commitment-signed");
        await CompleteAsync(li, caseId, "review", "approve", new JsonObject { ["opinion"] = "材料齐全，符合法定条件，准予许可" });
        var approved = await chen.CaseFileAsync(caseId);
        await CompleteAsync(ma, caseId, "verify", "confirmed", new JsonObject { ["method"] = "site-inspection", ["findings"] = "经营场所与承诺一致" });
        var closed = await chen.CaseFileAsync(caseId);
        var archive = await ArchiveCheckAsync(caseId);

        // Every notice to chen became a sealed document served online (chen consented); each verifies.
        JsonArray notices = [];
        await Poll.UntilAsync<bool>(async () =>
        {
            notices = (await (await chen.GetAsync("/api/my/notices")).ExpectAsync(HttpStatusCode.OK, "my notices")).AsArray();
            return notices.Count > 0 && notices.All(n => n!["documentId"] is not null) ? true : null;
        }, "every notice issued as a document");
        var documentChecks = new List<JsonNode>();
        foreach (var notice in notices)
            documentChecks.Add(await (await chen.GetAsync($"/api/documents/{(string)notice!["documentId"]!}/verify")).ExpectAsync(HttpStatusCode.OK, "document verify"));
        // The licence verifies for anyone, without signing in; the application's signature for its applicant.
        var number = (string)approved["licences"]![0]!["number"]!;
        using var anonymous = _host.CreateClient();
        var licence = await (await anonymous.GetAsync($"/verify/licences/{number}")).ExpectAsync(HttpStatusCode.OK, "public licence verification");
        var signature = await (await chen.GetAsync($"/api/cases/{caseId}/application/verify")).ExpectAsync(HttpStatusCode.OK, "application signature");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(approved["licences"]!.AsArray(), Has.Count.EqualTo(1), "the licence is issued on approval (art. 44)");
            Assert.That((string?)approved["licences"]![0]!["status"], Is.EqualTo("valid"));
            Assert.That((string?)closed["case"]!["status"], Is.EqualTo("completed"));
            Assert.That((string?)closed["case"]!["outcome"], Is.EqualTo("approved"));
            Assert.That(closed["notices"]!.AsArray().Select(n => (string?)n!["noticeType"]), Does.Contain("acceptance").And.Contain("decision"));
            Assert.That(archive.Problems, Is.Empty);
            Assert.That(archive.Manifest!.Files.Count(f => f.Kind == "material"), Is.EqualTo(KeyMaterials.Length));
            Assert.That(archive.Manifest.Files.Count(f => f.Kind == "licence"), Is.EqualTo(1));
            Assert.That(archive.Manifest.Files.Where(f => f.Kind is "document" or "licence-content").Select(f => f.Seal), Is.Not.Empty.And.All.Not.Null);
            Assert.That(archive.Manifest.Files.Count(f => f.Kind == "application-signatures"), Is.EqualTo(1));
            Assert.That(notices.Select(n => (string?)n!["serviceMethod"]), Is.All.EqualTo("electronic"));
            Assert.That(notices.Select(n => (string?)n!["noticeType"]), Does.Contain("receipt"), "the receipt is a sealed document too");
            Assert.That(documentChecks.Select(c => (bool)c["valid"]!), Is.All.True);
            Assert.That((string?)licence["status"], Is.EqualTo("valid"));
            Assert.That((string?)licence["holderName"], Is.EqualTo("上海陈记餐饮有限公司"));
            Assert.That((bool)licence["seal"]!["verified"]!, Is.True);
            Assert.That((bool)signature["valid"]!, Is.True);
        }
    }

    [Test]
    public async Task Person_GoesThroughACorrectionRound_DeclinesTheCommitment_SendsTheProof_AndIsApproved()
    {
        using var liu = await _host.ClientForAsync("applicant-liu");
        await PutProfileAsync(liu, """{"kind":"person","name":"刘洋","idNumber":"11010519491231002X"}""");
        var applicationId = await ApplyAsync(liu, [.. KeyMaterials, "premises-layout"]);
        using var submitted = await SubmitAsync(liu, applicationId, commitment: false);
        var caseId = (string)(await submitted.ExpectAsync(HttpStatusCode.Created, "submit"))["caseId"]!;

        using var li = await _host.ClientForAsync("clerk-li");
        // One notice listing every item (art. 32); liu answers online with a new version of the material.
        var preReview = await li.OpenTaskAsync(caseId, "pre-review");
        using (var requested = await li.PostJsonAsync($"/api/tasks/{(long)preReview["id"]!}/corrections",
            """{"items":[{"material":"business-licence","problem":"营业执照复印件不清晰","fix":"上传清晰的扫描件"}]}"""))
            await requested.ExpectAsync(HttpStatusCode.Created, "correction request");
        await UploadAsync(liu, applicationId, "business-licence");
        using (var answered = await liu.PostJsonAsync($"/api/applications/{applicationId}/corrections", """{"materials":["business-licence"]}"""))
            await answered.ExpectAsync(HttpStatusCode.OK, "corrections answered online");
        await CompleteAsync(li, caseId, "review-correction", "accept");
        await SendAsync(liu, caseId, "commitment-declined");
        await SendAsync(liu, caseId, "proof-submitted");
        await CompleteAsync(li, caseId, "review", "approve", new JsonObject { ["opinion"] = "补正后材料齐全，准予许可" });
        var closed = await liu.CaseFileAsync(caseId);
        var archive = await ArchiveCheckAsync(caseId);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)closed["case"]!["status"], Is.EqualTo("completed"));
            Assert.That((string?)closed["case"]!["outcome"], Is.EqualTo("approved"), "no verification on the ordinary route: nothing was promised");
            Assert.That(closed["notices"]!.AsArray().Select(n => (string?)n!["noticeType"]), Does.Contain("correction-request").And.Contain("proof-list"));
            Assert.That(closed["licences"]!.AsArray(), Has.Count.EqualTo(1));
            Assert.That(archive.Problems, Is.Empty);
        }
    }

    [Test]
    public async Task Enterprise_DefersMaterials_SupplementsThemOnline_IsApproved_AndTheRevocationShowsAtOnceOnThePublicPage()
    {
        // The outdoor advertising permit (greening-city-appearance) runs the deficiency procedure: clerk-lin pre-reviews
        // and reviews, head-xu may revoke. The safety report and the insurance may follow later (容缺).
        const string matter = "outdoor-advertising-permit";
        string[] deferred = ["liability-insurance", "structural-safety-report"];
        using var chen = await _host.ClientForAsync("applicant-chen");
        await PutProfileAsync(chen, """
            {"kind":"enterprise","name":"上海陈记餐饮有限公司","creditCode":"91350100M000100Y43",
             "legalRepresentative":{"name":"陈静","idNumber":"11010519491231002X"},
             "electronicService":{"consented":true,"scope":["notices","decisions","licences","enforcement"]}}
            """);
        var applicationId = await ApplyAsync(chen, ["application-form", "business-licence", "site-rights", "design-drawings"], matter);
        using var submitted = await SubmitAsync(chen, applicationId, commitment: false);
        var submission = await submitted.ExpectAsync(HttpStatusCode.Created, "submit");
        var caseId = (string)submission["caseId"]!;

        using var lin = await _host.ClientForAsync("clerk-lin");
        await CompleteAsync(lin, caseId, "pre-review", "accept-with-deficiency", new JsonObject { ["missingMaterials"] = "结构安全检测报告、公众责任保险" });
        await SendAsync(chen, caseId, "commitment-signed");
        // Half a supplement is refused and changes nothing; the whole one is handed in as the undertaking promised.
        foreach (var material in deferred) await UploadAsync(chen, applicationId, material);
        using var half = await chen.PostJsonAsync($"/api/applications/{applicationId}/supplement", """{"materials":["liability-insurance"]}""");
        var halfProblem = await half.JsonAsync();
        using var supplied = await chen.PostJsonAsync($"/api/applications/{applicationId}/supplement", """{"materials":["liability-insurance","structural-safety-report"]}""");
        var supplement = await supplied.ExpectAsync(HttpStatusCode.OK, "the supplement");
        using var again = await chen.PostJsonAsync($"/api/applications/{applicationId}/supplement", """{"materials":["liability-insurance"]}""");
        await CompleteAsync(lin, caseId, "review", "approve", new JsonObject { ["opinion"] = "补齐材料后符合条件，准予许可" });
        var closed = await chen.CaseFileAsync(caseId);
        var application = await (await chen.GetAsync($"/api/applications/{applicationId}")).ExpectAsync(HttpStatusCode.OK, "the application");
        var signature = await (await chen.GetAsync($"/api/cases/{caseId}/application/verify")).ExpectAsync(HttpStatusCode.OK, "application signature");

        var number = (string)closed["licences"]![0]!["number"]!;
        using var anonymous = _host.CreateClient();
        var before = await (await anonymous.GetAsync($"/verify/licences/{number}")).ExpectAsync(HttpStatusCode.OK, "verification before");
        using var xu = await _host.ClientForAsync("head-xu");
        using (var revoked = await xu.PostJsonAsync($"/api/licences/{number}/revoke", """{"reason":"设置场所租赁合同经查不实"}"""))
            await revoked.ExpectAsync(HttpStatusCode.OK, "revocation by the head");
        var after = await (await anonymous.GetAsync($"/verify/licences/{number}")).ExpectAsync(HttpStatusCode.OK, "verification after");
        using var page = new HttpRequestMessage(HttpMethod.Get, $"/verify/licences/{number}");
        page.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var html = await anonymous.SendAsync(page);
        var htmlText = await html.Content.ReadAsStringAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(submission["receipt"]!["deferred"]!.AsArray().Select(d => (string?)d), Is.EquivalentTo(deferred), "the receipt names what may follow");
            Assert.That((half.StatusCode, (string?)halfProblem["code"]), Is.EqualTo((HttpStatusCode.BadRequest, (string?)"supplement-incomplete")));
            Assert.That((string?)halfProblem["detail"], Does.Contain("structural-safety-report"));
            Assert.That(supplement["materials"]!.AsArray().Select(m => ((string?)m!["code"], (int)m["version"]!)), Is.EqualTo(new[] { ("liability-insurance", 1), ("structural-safety-report", 1) }));
            Assert.That((int)supplement["revision"]!, Is.EqualTo(2), "re-signed with nothing deferred");
            Assert.That((again.StatusCode, (string?)(await again.JsonAsync())["code"]), Is.EqualTo((HttpStatusCode.Conflict, (string?)"nothing-deferred")));
            Assert.That(application["materials"]!.AsArray().Select(m => (string?)m!["code"]), Is.SupersetOf(deferred));
            Assert.That((bool)signature["valid"]!, Is.True);
            Assert.That((string?)closed["case"]!["outcome"], Is.EqualTo("approved"));
            Assert.That((string?)before["status"], Is.EqualTo("valid"));
            Assert.That((string?)after["status"], Is.EqualTo("revoked"), "the public page shows the revocation at once");
            Assert.That((string?)after["revocationReason"], Is.EqualTo("设置场所租赁合同经查不实"));
            Assert.That((bool)after["seal"]!["verified"]!, Is.True, "a revoked licence's seal still verifies: it was issued");
            Assert.That(htmlText, Does.Contain("已撤销").And.Contain("设置场所租赁合同经查不实"));
        }
    }

    [Test]
    public async Task FlaggedApplicant_IsRefusedTheCommitment_WhenChoosingIt_AndNothingStarts()
    {
        // Its own host: the flag must not reach the other tests' applicant.
        using var host = new WebHost();
        using var liu = await host.ClientForAsync("applicant-liu");
        using var admin = await host.ClientForAsync("admin");
        await PutProfileAsync(liu, """{"kind":"person","name":"刘洋","idNumber":"11010519491231002X"}""");
        using (var flagged = await admin.PutAsync("/api/applicants/applicant-liu/credit", HttpApi.Json("""{"seriousBadCredit":true,"falseCommitment":false}""")))
            await flagged.ExpectAsync(HttpStatusCode.OK, "credit flag recorded by the admin");
        var applicationId = await ApplyAsync(liu, KeyMaterials);

        using var refused = await SubmitAsync(liu, applicationId, commitment: true);
        var problem = await refused.JsonAsync();
        using var application = await liu.GetAsync($"/api/applications/{applicationId}");
        var after = await application.ExpectAsync(HttpStatusCode.OK, "the draft");

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)refused.StatusCode, Is.InRange(400, 499));
            Assert.That((string?)problem["detail"], Does.Contain("告知承诺").Or.Contain("commitment"));
            Assert.That((string?)after["status"], Is.EqualTo("draft"));
            Assert.That(after["caseId"], Is.Null);
        }
    }
}
