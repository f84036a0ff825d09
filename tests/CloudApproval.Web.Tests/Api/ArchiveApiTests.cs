using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Archive;
using CloudApproval.Cases.Documents;
using CloudApproval.Cases.Hosting;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

/// <summary>
/// The archive of a closed case over real HTTP: applicant-chen applies online, clerk-li does not accept it, and
/// auditor-sun downloads the sealed package and checks it with the departments' keys.
/// </summary>
public sealed class ArchiveApiTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

    private WebHost _host = null!;

    [OneTimeSetUp]
    public void StartHost() => _host = new WebHost();

    [OneTimeTearDown]
    public void StopHost() => _host.Dispose();

    private async Task<string> SubmittedCaseAsync()
    {
        using var chen = await _host.ClientForAsync("applicant-chen");
        using var created = await chen.PostAsJsonAsync("/api/applications", new JsonObject { ["matter"] = "food-business-licence", ["data"] = SeedParticulars.For("food-business-licence") });
        var id = (string)(await created.ExpectAsync(HttpStatusCode.Created, "draft"))["id"]!;
        foreach (var material in new[] { "application-form", "business-licence", "premises-layout", "legal-representative-id" })
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent([.. Pdf, .. Encoding.ASCII.GetBytes(material)]);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", material + ".pdf");
            using var uploaded = await chen.PostAsync($"/api/applications/{id}/materials/{material}", form);
            await uploaded.ExpectAsync(HttpStatusCode.Created, $"upload {material}");
        }
        using var submitted = await chen.PostJsonAsync($"/api/applications/{id}/submit", """{"commitment":false}""");
        return (string)(await submitted.ExpectAsync(HttpStatusCode.Created, "submit"))["caseId"]!;
    }

    [Test]
    public async Task AuditorDownloadsAClosedCasesSealedPackage_ThatVerifiesWithTheDepartmentsKey()
    {
        var caseId = await SubmittedCaseAsync();
        using var auditor = await _host.ClientForAsync("auditor-sun");
        using (var early = await auditor.GetAsync($"/api/cases/{caseId}/archive"))
        {
            var problem = await early.ExpectAsync(HttpStatusCode.Conflict, "archive of a running case");
            Assert.That((string?)problem["detail"], Does.Contain("still running"));
        }
        using var li = await _host.ClientForAsync("clerk-li");
        var task = await li.OpenTaskAsync(caseId, "pre-review");
        using (var rejected = await li.PostJsonAsync($"/api/tasks/{(long)task["id"]!}/complete", """{"outcome":"reject","data":{"reason":"经营场所不在本辖区"}}"""))
            await rejected.ExpectAsync(HttpStatusCode.OK, "not accepted");

        var (response, bytes) = await auditor.ArchiveAsync(caseId);
        using var _ = response;
        using var clerkTry = await li.GetAsync($"/api/cases/{caseId}/archive");

        var seals = new DepartmentSeals(new CasesSettings { WorkflowsFolder = Repo.Workflows, SealKeysFolder = _host.SealKeysFolder, GenerateMissingSealKeys = false });
        var check = await ArchiveVerifier.VerifyAsync(new MemoryStream(bytes), seals);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/zip"));
            Assert.That(response.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
            Assert.That(response.Content.Headers.ContentDisposition?.FileName, Is.EqualTo($"archive-{caseId}.zip"));
            Assert.That(response.Headers.GetValues("X-Archive-SHA256").Single(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(bytes))));
            Assert.That(check.Problems, Is.Empty);
            Assert.That(check.DepartmentKeyChecked, Is.True);
            Assert.That(check.Manifest!.CaseId, Is.EqualTo(caseId));
            Assert.That(check.Manifest.Department, Is.EqualTo("market-supervision"));
            Assert.That(clerkTry.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "archives are for auditors");
        }
    }
}
