using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

/// <summary>
/// Online application over real HTTP: applicant-chen applies for the food business licence (market-supervision), uploads
/// its materials as multipart files, submits, and the case lands in market-supervision's inbox.
/// </summary>
public sealed class ApplicationsApiTests
{
    private const string Matter = "food-business-licence";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private WebHost _host = null!;

    [OneTimeSetUp]
    public void StartHost() => _host = new WebHost();

    [OneTimeTearDown]
    public void StopHost() => _host.Dispose();

    private string BlobsFolder => Path.Combine(_host.Folder, "blobs");

    private static async Task<string> DraftAsync(HttpClient client)
    {
        using var created = await client.PostAsJsonAsync("/api/applications", new JsonObject { ["matter"] = Matter, ["data"] = SeedParticulars.For(Matter) });
        return (string)(await created.ExpectAsync(HttpStatusCode.Created, "draft"))["id"]!;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string id, string material, string fileName, byte[] bytes)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await client.PostAsync($"/api/applications/{id}/materials/{material}", form);
    }

    private static async Task UploadOkAsync(HttpClient client, string id, string material, string fileName, byte[] bytes)
    {
        using var response = await UploadAsync(client, id, material, fileName, bytes);
        await response.ExpectAsync(HttpStatusCode.Created, $"upload {fileName} as {material}");
    }

    private static byte[] PdfOf(string text) => [.. Pdf, .. Encoding.UTF8.GetBytes(text)];

    [Test]
    public async Task A_drafts_particulars_are_edited_over_http_each_problem_named_and_refused_once_submitted()
    {
        using var chen = await _host.ClientForAsync("applicant-chen");
        using var bad = await chen.PostAsJsonAsync("/api/applications", new JsonObject
        {
            ["matter"] = Matter, ["data"] = SeedParticulars.For(Matter, d => { d["businessArea"] = -3; d["mainBusinessType"] = "bakery"; }),
        });
        var problem = await bad.JsonAsync();
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)problem["code"], Is.EqualTo("invalid-particulars"));
        Assert.That(((string)problem["detail"]!).Split("; ").Select(p => p.Split(':')[0]), Is.EqualTo(new[] { "particulars.businessArea", "particulars.mainBusinessType" }));

        var id = await DraftAsync(chen);
        using (var refused = await chen.PutAsJsonAsync($"/api/applications/{id}/particulars", new { data = SeedParticulars.For(Matter, d => d["contactPhone"] = "not a phone") }))
            Assert.That((string?)(await refused.ExpectAsync(HttpStatusCode.BadRequest, "bad phone"))["detail"], Does.StartWith("particulars.contactPhone:"));
        var edited = await (await chen.PutAsJsonAsync($"/api/applications/{id}/particulars", new { data = SeedParticulars.For(Matter, d => d["shopName"] = "陈记面馆") }))
            .ExpectAsync(HttpStatusCode.OK, "edit");
        Assert.That((string?)edited["data"]!["shopName"], Is.EqualTo("陈记面馆"));
        Assert.That((string?)edited["data"]!["contactPhone"], Is.EqualTo("13912345678"), "the refused change left nothing behind");

        foreach (var material in new[] { "application-form", "business-licence", "legal-representative-id", "premises-layout" })
            await UploadOkAsync(chen, id, material, material + ".pdf", PdfOf(material));
        using (var submitted = await chen.PostAsJsonAsync($"/api/applications/{id}/submit", new { commitment = false }))
            await submitted.ExpectAsync(HttpStatusCode.Created, "submit");
        using var late = await chen.PutAsJsonAsync($"/api/applications/{id}/particulars", new { data = SeedParticulars.For(Matter) });
        Assert.That(late.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((string?)(await late.JsonAsync())["code"], Is.EqualTo("application-submitted"));
    }

    [Test]
    public async Task ApplicantAppliesWithAPdfAndAPng_Submits_AndTheCaseReachesTheMattersDepartmentsClerk()
    {
        using var chen = await _host.ClientForAsync("applicant-chen");
        var id = await DraftAsync(chen);
        var form = PdfOf("application form");
        await UploadOkAsync(chen, id, "application-form", "申请表.pdf", form);
        await UploadOkAsync(chen, id, "business-licence", "licence.pdf", PdfOf("licence"));
        await UploadOkAsync(chen, id, "premises-layout", "layout.pdf", PdfOf("layout"));
        await UploadOkAsync(chen, id, "legal-representative-id", "id.png", Png);

        using var submitted = await chen.PostJsonAsync($"/api/applications/{id}/submit", """{"commitment":false}""");

        var body = await submitted.ExpectAsync(HttpStatusCode.Created, "submit");
        var caseId = (string)body["caseId"]!;
        var receipt = body["receipt"]!;
        var received = receipt["received"]!.AsArray().ToDictionary(m => (string)m!["code"]!, m => (string)m!["sha256"]!);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)receipt["applicationId"], Is.EqualTo(id));
            Assert.That((string?)receipt["matter"], Is.EqualTo(Matter));
            Assert.That((string?)receipt["department"], Is.EqualTo("market-supervision"));
            Assert.That(received["application-form"], Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(form))));
            Assert.That(received["legal-representative-id"], Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Png))));
            Assert.That(receipt["deferred"]!.AsArray().Select(d => (string?)d), Is.EquivalentTo(new[] { "food-safety-rules", "food-safety-manager" }));
            Assert.That(receipt["receivedAt"], Is.Not.Null);
        }
        var application = await (await chen.GetAsync($"/api/applications/{id}")).ExpectAsync(HttpStatusCode.OK, "read back");
        Assert.That((string?)application["status"], Is.EqualTo("submitted"));
        Assert.That((string?)application["caseId"], Is.EqualTo(caseId));

        using var li = await _host.ClientForAsync("clerk-li");
        var inbox = await (await li.GetAsync("/api/tasks?limit=500")).ExpectAsync(HttpStatusCode.OK, "clerk-li's inbox");
        var task = inbox["tasks"]!.AsArray().FirstOrDefault(t => (string?)t!["caseId"] == caseId);
        Assert.That(task, Is.Not.Null, "market-supervision's clerk sees the case's task");
        Assert.That((string?)task!["department"], Is.EqualTo("market-supervision"));
    }

    [Test]
    public async Task Download_IsAnAttachment_WithTheStoredTypeAndBytes()
    {
        using var chen = await _host.ClientForAsync("applicant-chen");
        var id = await DraftAsync(chen);
        var form = PdfOf("download me");
        await UploadOkAsync(chen, id, "application-form", "form.pdf", form);

        using var download = await chen.GetAsync($"/api/applications/{id}/materials/application-form");

        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(download.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
        Assert.That(download.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName, Is.EqualTo("form.pdf"));
        Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(form));
    }

    [Test]
    public async Task Upload_OfARenamedExecutable_Is400NamingTheFile_AndStoresNothing()
    {
        using var chen = await _host.ClientForAsync("applicant-chen");
        var id = await DraftAsync(chen);
        var executable = new byte[8192];
        "MZ"u8.CopyTo(executable);
        var storedBefore = StoredFiles();

        using var response = await UploadAsync(chen, id, "application-form", "setup.pdf", executable);

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest, "renamed executable");
        Assert.That((string?)problem["detail"], Does.Contain("setup.pdf").And.Contain("executable"));
        Assert.That((string?)problem["code"], Is.EqualTo("file-content-mismatch"));
        var materials = await (await chen.GetAsync($"/api/applications/{id}/materials")).ExpectAsync(HttpStatusCode.OK, "materials");
        Assert.That(materials.AsArray(), Is.Empty);
        // Other tests' documents are stored by a background job meanwhile: what must not be there is this upload, under its
        // hash or left behind as a temporary file.
        var added = StoredFiles().Except(storedBefore).ToList();
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(executable));
        Assert.That(added.Where(f => Path.GetFileName(f) == hash || HasContent(f, executable)), Is.Empty);
    }

    private List<string> StoredFiles() =>
        Directory.Exists(BlobsFolder) ? [.. Directory.EnumerateFiles(BlobsFolder, "*", SearchOption.AllDirectories)] : [];

    private static bool HasContent(string path, byte[] content)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (file.Length != content.Length) return false;
            var bytes = new byte[content.Length];
            file.ReadExactly(bytes);
            return bytes.AsSpan().SequenceEqual(content);
        }
        catch (IOException)
        {
            // Gone (a job's temporary file moved under its hash) or still locked by its writer: not this upload's.
            return false;
        }
    }

    [Test]
    public async Task Upload_LargerThanTheMaterialsLimit_Is413NamingTheLimit()
    {
        using var chen = await _host.ClientForAsync("applicant-chen");
        var id = await DraftAsync(chen);
        var big = new byte[10 * 1024 * 1024 + 100 * 1024];
        Pdf.CopyTo(big, 0);

        using var response = await UploadAsync(chen, id, "application-form", "huge.pdf", big);

        var problem = await response.ExpectAsync(HttpStatusCode.RequestEntityTooLarge, "oversized");
        Assert.That((string?)problem["detail"], Does.Contain("10 MB").And.Contain("application-form"));
    }

    [Test]
    public async Task Upload_OverTheDefault2MiB_IsAcceptedWithinTheMaterialsLimit()
    {
        using var chen = await _host.ClientForAsync("applicant-chen");
        var id = await DraftAsync(chen);
        var three = new byte[3 * 1024 * 1024];
        Pdf.CopyTo(three, 0);

        using var response = await UploadAsync(chen, id, "application-form", "three-mb.pdf", three);

        var stored = await response.ExpectAsync(HttpStatusCode.Created, "3 MiB upload");
        Assert.That((long)stored["size"]!, Is.EqualTo(three.Length));
    }

    [Test]
    public async Task AnotherApplicant_Gets404_ForEverythingOfTheApplication()
    {
        using var chen = await _host.ClientForAsync("applicant-chen");
        var id = await DraftAsync(chen);
        await UploadOkAsync(chen, id, "application-form", "form.pdf", PdfOf("mine"));
        using var liu = await _host.ClientForAsync("applicant-liu");

        using var read = await liu.GetAsync($"/api/applications/{id}");
        using var download = await liu.GetAsync($"/api/applications/{id}/materials/application-form");
        using var upload = await UploadAsync(liu, id, "business-licence", "b.pdf", PdfOf("theirs"));
        using var submit = await liu.PostJsonAsync($"/api/applications/{id}/submit", """{"commitment":false}""");
        var list = await (await liu.GetAsync("/api/applications")).ExpectAsync(HttpStatusCode.OK, "liu's list");

        Assert.That(new[] { read.StatusCode, download.StatusCode, upload.StatusCode, submit.StatusCode }, Is.All.EqualTo(HttpStatusCode.NotFound));
        Assert.That(list.AsArray().Select(a => (string?)a!["id"]), Does.Not.Contain(id));
    }

    [Test]
    public async Task Submit_WithoutAKeyMaterial_Is400NamingIt()
    {
        using var chen = await _host.ClientForAsync("applicant-chen");
        var id = await DraftAsync(chen);
        await UploadOkAsync(chen, id, "application-form", "form.pdf", PdfOf("form"));
        await UploadOkAsync(chen, id, "premises-layout", "layout.pdf", PdfOf("layout"));
        await UploadOkAsync(chen, id, "legal-representative-id", "id.png", Png);

        using var submit = await chen.PostJsonAsync($"/api/applications/{id}/submit", """{"commitment":false}""");

        var problem = await submit.ExpectAsync(HttpStatusCode.BadRequest, "submit without business-licence");
        Assert.That((string?)problem["code"], Is.EqualTo("materials-missing"));
        Assert.That((string?)problem["detail"], Does.Contain("business-licence"));
        var application = await (await chen.GetAsync($"/api/applications/{id}")).ExpectAsync(HttpStatusCode.OK, "still a draft");
        Assert.That((string?)application["status"], Is.EqualTo("draft"));
    }

    [Test]
    public async Task Upload_WithoutMultipart_Is415ExplainingTheForm()
    {
        using var chen = await _host.ClientForAsync("applicant-chen");
        var id = await DraftAsync(chen);

        using var response = await chen.PostJsonAsync($"/api/applications/{id}/materials/application-form", "{}");

        var problem = await response.ExpectAsync(HttpStatusCode.UnsupportedMediaType, "JSON instead of a form");
        Assert.That((string?)problem["detail"], Does.Contain("multipart/form-data"));
    }
}
