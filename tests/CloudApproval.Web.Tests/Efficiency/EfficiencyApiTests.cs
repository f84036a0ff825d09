using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CloudApproval.Engine.Runtime;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Efficiency;

/// <summary>
/// GET /api/efficiency over real HTTP: an application made through the API is counted for its department's head; another
/// department's head and a clerk are refused; bad query parameters are 400 problems naming the parameter.
/// </summary>
public sealed class EfficiencyApiTests
{
    private static readonly string[] Required = ["application-form", "business-licence", "legal-representative-id", "premises-layout"];
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

    private WebHost _host = null!;

    [OneTimeSetUp]
    public async Task ApplyForAFoodLicence()
    {
        _host = new WebHost();
        using var chen = await _host.ClientForAsync("applicant-chen");
        using var created = await chen.PostAsJsonAsync("/api/applications", new JsonObject { ["matter"] = "food-business-licence", ["data"] = SeedParticulars.For("food-business-licence") });
        var id = (string)(await created.ExpectAsync(HttpStatusCode.Created, "draft"))["id"]!;
        foreach (var material in Required)
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent([.. Pdf, .. Encoding.ASCII.GetBytes(material)]);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", material + ".pdf");
            using var uploaded = await chen.PostAsync($"/api/applications/{id}/materials/{material}", form);
            await uploaded.ExpectAsync(HttpStatusCode.Created, $"upload {material}");
        }
        using var submitted = await chen.PostJsonAsync($"/api/applications/{id}/submit", """{"commitment":false}""");
        await submitted.ExpectAsync(HttpStatusCode.Created, "submit");
    }

    [OneTimeTearDown]
    public void StopHost() => _host.Dispose();

    private async Task<HttpResponseMessage> GetAsync(string user, string query)
    {
        using var client = await _host.ClientForAsync(user);
        return await client.GetAsync("/api/efficiency" + query);
    }

    [Test]
    public async Task The_head_of_the_matters_department_sees_the_application_received_today_and_open()
    {
        var today = ChinaTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var response = await GetAsync("head-zhou", "");
        var report = await response.ExpectAsync(HttpStatusCode.OK, "head-zhou's figures");

        var food = report["matters"]!.AsArray().Single(m => (string)m!["code"]! == "food-business-licence")!;
        Assert.That(((int)food["received"]!, (int)food["open"]!), Is.EqualTo((1, 1)));
        Assert.That(report["days"]!.AsArray().Single(d => (string)d!["day"]! == today)!["received"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(report["matters"]!.AsArray().Select(m => (string)m!["department"]!).Distinct(), Is.EqualTo(new[] { "market-supervision" }));
        Assert.That((string)report["to"]!, Is.EqualTo(today), "the last 30 days by default");

        using var auditor = await GetAsync("auditor-sun", "?matter=food-business-licence");
        var all = await auditor.ExpectAsync(HttpStatusCode.OK, "the auditor's figures");
        Assert.That(all["backlog"]!.AsArray().Select(b => ((string)b!["department"]!, (int)b["open"]!)), Is.EqualTo(new[] { ("market-supervision", 1) }));
    }

    [Test]
    public async Task The_head_of_another_department_asking_for_this_one_is_forbidden_with_a_problem_naming_the_parameter()
    {
        using var response = await GetAsync("head-qian", "?department=market-supervision");
        var problem = await response.ExpectAsync(HttpStatusCode.Forbidden, "another department");

        Assert.That((string)problem["code"]!, Is.EqualTo("forbidden"));
        Assert.That((string)problem["detail"]!, Is.EqualTo("department: head-qian may read the figures of planning-resources only, not of market-supervision"));
        using var matter = await GetAsync("head-qian", "?matter=food-business-licence");
        Assert.That((string)(await matter.ExpectAsync(HttpStatusCode.Forbidden, "another department's matter"))["detail"]!, Does.StartWith("matter: "));
    }

    [TestCase("clerk-li")]
    [TestCase("applicant-chen")]
    [TestCase("analyst-zhao")]
    public async Task Who_is_no_head_auditor_or_admin_is_forbidden(string user)
    {
        using var response = await GetAsync(user, "");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [TestCase("?from=2026-13-01", "from: '2026-13-01' is not a date (yyyy-MM-dd)")]
    [TestCase("?to=yesterday", "to: 'yesterday' is not a date (yyyy-MM-dd)")]
    [TestCase("?from=2026-03-31&to=2026-03-01", "to: 2026-03-01 is before from (2026-03-31)")]
    [TestCase("?from=2025-01-01&to=2026-03-01", "to: at most 366 days from 2025-01-01")]
    [TestCase("?department=no-such-department", "department: no catalogued matter is handled by 'no-such-department'")]
    [TestCase("?matter=no-such-matter", "matter: no matter 'no-such-matter' in the catalogue")]
    [TestCase("?department=human-resources&matter=food-business-licence", "matter: 'food-business-licence' is handled by market-supervision, not by human-resources")]
    public async Task A_bad_query_parameter_is_a_400_problem_naming_it(string query, string detail)
    {
        using var response = await GetAsync("auditor-sun", query);
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest, query);

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(((string)problem["code"]!, (string)problem["detail"]!), Is.EqualTo(("invalid-input", detail)));
    }
}
