using System.Net.Http.Json;
using System.Text.Json;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

public sealed class ProcedureCaseCountTests
{
    [Test]
    public async Task EachVersion_SaysHowManyCasesRunOnIt_AndItsLatestChangelogLine()
    {
        using var host = new WebHost();
        using var analyst = await host.ClientForAsync("analyst-zhao");
        using var chen = await host.ClientForAsync("applicant-chen");
        Assert.That(await CaseCountAsync(analyst), Is.Zero);

        using var started = await chen.PostAsJsonAsync("/api/cases", new { procedure = "commitment", input = new { department = "market-supervision" } });
        Assert.That(started.IsSuccessStatusCode, Is.True, await started.Content.ReadAsStringAsync());

        Assert.That(await CaseCountAsync(analyst), Is.EqualTo(1));
        using var body = JsonDocument.Parse(await analyst.GetStringAsync("/api/procedures/commitment"));
        Assert.That(body.RootElement.GetProperty("versions")[0].GetProperty("changelog").GetString(), Does.StartWith("v1: seed procedure"));
    }

    private static async Task<int> CaseCountAsync(HttpClient client)
    {
        using var body = JsonDocument.Parse(await client.GetStringAsync("/api/procedures"));
        return body.RootElement.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "commitment")
            .GetProperty("versions")[0].GetProperty("caseCount").GetInt32();
    }
}
