using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudApproval.Web.Tests.Support;
using UglyToad.PdfPig;

namespace CloudApproval.Web.Tests.Api;

/// <summary>
/// Official documents over real HTTP: applicant-chen's case is not accepted by clerk-li; the web host's Hangfire server
/// issues the sealed non-acceptance decision; chen finds it among her notices, opens it (the read receipt), downloads
/// and verifies it; who else may read it, and who may not.
/// </summary>
public sealed class DocumentsApiTests
{
    private WebHost _host = null!;
    private string _caseId = null!;
    private long _noticeId;
    private string _documentId = null!;

    [OneTimeSetUp]
    public async Task NotAcceptedCaseWithItsDocument()
    {
        _host = new WebHost();
        using var chen = await _host.ClientForAsync("applicant-chen");
        using var li = await _host.ClientForAsync("clerk-li");
        _caseId = await chen.StartCaseAsync("deficiency-pending", new JsonObject { ["department"] = "market-supervision" });
        var task = await li.OpenTaskAsync(_caseId, "pre-review");
        using var done = await li.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new JsonObject { ["outcome"] = "reject", ["data"] = new JsonObject { ["reason"] = "申请事项依法不需要取得行政许可" } });
        await done.ExpectAsync(HttpStatusCode.OK, "pre-review rejects");
        JsonNode? notice = null;
        await Poll.UntilAsync<bool>(async () =>
        {
            using var list = await chen.GetAsync("/api/my/notices");
            var notices = (await list.ExpectAsync(HttpStatusCode.OK, "my notices")).AsArray();
            notice = notices.FirstOrDefault(n => (string?)n!["caseId"] == _caseId && n["documentId"] is not null);
            return notice is null ? null : true;
        }, "the non-acceptance decision's document", TimeSpan.FromSeconds(60));
        _noticeId = (long)notice!["id"]!;
        _documentId = (string)notice["documentId"]!;
    }

    [OneTimeTearDown]
    public void StopHost() => _host.Dispose();

    [Test]
    public async Task TheApplicantsNotice_ListsItsTypeCaseServiceAndDocument()
    {
        using var chen = await _host.ClientForAsync("applicant-chen");
        using var list = await chen.GetAsync("/api/my/notices");
        var notice = (await list.ExpectAsync(HttpStatusCode.OK, "my notices")).AsArray().Single(n => (long)n!["id"]! == _noticeId)!;
        Assert.That((string?)notice["template"], Is.EqualTo("non-acceptance"));
        Assert.That((string?)notice["noticeType"], Is.EqualTo("non-acceptance"));
        Assert.That((string?)notice["serviceMethod"], Is.EqualTo("offline"), "no consent to electronic service: served on paper");
        Assert.That(notice["issuedAt"], Is.Not.Null);
        Assert.That(notice["deliveredAt"], Is.Null);
    }

    [Test]
    public async Task OpeningTheNotice_RecordsTheReadTimeOnce_AndTheCaseFileShowsTheDocument()
    {
        using var chen = await _host.ClientForAsync("applicant-chen");
        using var first = await chen.GetAsync($"/api/my/notices/{_noticeId}");
        var opened = await first.ExpectAsync(HttpStatusCode.OK, "open the notice");
        using var second = await chen.GetAsync($"/api/my/notices/{_noticeId}");
        var again = await second.ExpectAsync(HttpStatusCode.OK, "open it again");
        Assert.That(opened["readAt"], Is.Not.Null);
        Assert.That((string?)again["readAt"], Is.EqualTo((string?)opened["readAt"]));
        Assert.That((string?)opened["documentUrl"], Is.EqualTo($"/api/documents/{_documentId}"));

        var file = await chen.CaseFileAsync(_caseId);
        var notice = file["notices"]!.AsArray().Single(n => (long)n!["id"]! == _noticeId)!;
        Assert.That((string?)notice["document"]!["id"], Is.EqualTo(_documentId));
        Assert.That((string?)notice["document"]!["sealId"], Does.StartWith("market-supervision:"));
        Assert.That((string?)notice["readAt"], Is.EqualTo((string?)opened["readAt"]));
        Assert.That((string?)notice["serviceMethod"], Is.EqualTo("offline"));
        Assert.That(file["timeline"]!.AsArray().Count(e => (string?)e!["action"] == "notice-read"), Is.EqualTo(1));

        using var auditor = await _host.ClientForAsync("auditor-sun");
        using var consistency = await auditor.GetAsync("/api/audit/consistency");
        Assert.That((bool)(await consistency.ExpectAsync(HttpStatusCode.OK, "consistency"))["consistent"]!, Is.True);
        using var verify = await auditor.GetAsync("/api/audit/verify");
        Assert.That((bool)(await verify.ExpectAsync(HttpStatusCode.OK, "audit verify"))["intact"]!, Is.True);
        using var report = await auditor.GetAsync("/api/audit/report");
        var whole = await report.ExpectAsync(HttpStatusCode.OK, "verification report");
        Assert.That((bool)whole["intact"]!, Is.True);
        Assert.That(((int)whole["cases"]!, (long)whole["entries"]!), Is.GreaterThan((0, 0L)));
    }

    [Test]
    public async Task TheDocument_DownloadsAsASealedPdf_WhoseTextHasTheTitleAndTheSealId()
    {
        using var chen = await _host.ClientForAsync("applicant-chen");
        using var verify = await chen.GetAsync($"/api/documents/{_documentId}/verify");
        var check = await verify.ExpectAsync(HttpStatusCode.OK, "verify");
        Assert.That((bool)check["valid"]!, Is.True, (string?)check["problem"]);
        Assert.That((bool)check["digestMatches"]! && (bool)check["signatureValid"]! && (bool)check["keyIsDepartments"]!, Is.True);
        Assert.That((string?)check["algorithm"], Is.EqualTo("SM2-with-SM3"));
        Assert.That((string?)check["department"], Is.EqualTo("market-supervision"));

        using var download = await chen.GetAsync($"/api/documents/{_documentId}");
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(download.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/pdf"));
        Assert.That(download.Content.Headers.ContentDisposition!.DispositionType, Is.EqualTo("attachment"));
        using var pdf = PdfDocument.Open(await download.Content.ReadAsByteArrayAsync());
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        Assert.That(text, Does.Contain("不予受理决定书").And.Contain((string)check["sealId"]!).And.Contain("六十日内"));
    }

    [TestCase("clerk-li", HttpStatusCode.OK)]
    [TestCase("head-zhou", HttpStatusCode.OK)]
    [TestCase("auditor-sun", HttpStatusCode.OK)]
    [TestCase("admin", HttpStatusCode.OK)]
    [TestCase("clerk-wang", HttpStatusCode.NotFound)]
    [TestCase("applicant-liu", HttpStatusCode.NotFound)]
    public async Task TheDocument_IsReadByTheCasesReaders_AndUnknownToOthers(string user, HttpStatusCode expected)
    {
        using var client = await _host.ClientForAsync(user);
        using var download = await client.GetAsync($"/api/documents/{_documentId}");
        using var verify = await client.GetAsync($"/api/documents/{_documentId}/verify");
        Assert.That(download.StatusCode, Is.EqualTo(expected));
        Assert.That(verify.StatusCode, Is.EqualTo(expected));
        if (expected == HttpStatusCode.NotFound)
            Assert.That((string?)(await verify.JsonAsync())["code"], Is.EqualTo("unknown-document"));
    }

    [Test]
    public async Task AnotherApplicant_DoesNotSeeTheNotice()
    {
        using var liu = await _host.ClientForAsync("applicant-liu");
        using var list = await liu.GetAsync("/api/my/notices");
        Assert.That((await list.ExpectAsync(HttpStatusCode.OK, "liu's notices")).AsArray().Any(n => (long)n!["id"]! == _noticeId), Is.False);
        using var open = await liu.GetAsync($"/api/my/notices/{_noticeId}");
        Assert.That(open.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((string?)(await open.JsonAsync())["code"], Is.EqualTo("unknown-notice"));
    }
}
