using System.Net;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

/// <summary>Bad query parameters of the list endpoints: a 400 problem naming the parameter, never a 500 or an empty page.</summary>
[Category(TestCategories.HttpSurface)]
public sealed class QueryParameterTests
{
    private static WebHost s_host = null!;

    [OneTimeSetUp]
    public static void StartHost() => s_host = new WebHost();

    [OneTimeTearDown]
    public static void StopHost() => s_host.Dispose();

    [TestCase("auditor-sun", "/api/cases?status=bogus", "status")]
    [TestCase("auditor-sun", "/api/cases?limit=abc", "limit")]
    [TestCase("auditor-sun", "/api/cases?limit=0", "limit")]
    [TestCase("auditor-sun", "/api/cases?limit=501", "limit")]
    [TestCase("auditor-sun", "/api/cases?overdue=maybe", "overdue")]
    [TestCase("auditor-sun", "/api/cases?from=2026-13-01", "from")]
    [TestCase("auditor-sun", "/api/cases?from=2026-03-04&to=2026-03-02", "from")]
    [TestCase("auditor-sun", "/api/cases?suspended=perhaps", "suspended")]
    [TestCase("auditor-sun", "/api/cases?after=garbage", "cursor")]
    [TestCase("clerk-li", "/api/tasks?status=nope", "status")]
    [TestCase("clerk-li", "/api/tasks?mine=perhaps", "mine")]
    [TestCase("clerk-li", "/api/tasks?after=1.2.3", "cursor")]
    [TestCase("clerk-li", "/api/tasks?limit=-5", "limit")]
    [TestCase("auditor-sun", "/api/cases/CA-20260101-NONE/audit?after=-1", "after")]
    [TestCase("auditor-sun", "/api/cases/CA-20260101-NONE/audit?limit=1001", "limit")]
    [TestCase("clerk-li", "/api/tasks/abc/claim", null)]
    public async Task ABadParameter_IsA4xxProblem_NamingIt(string user, string url, string? name)
    {
        using var client = await s_host.ClientForAsync(user);
        using var response = url.EndsWith("/claim", StringComparison.Ordinal) ? await client.PostAsync(url, null) : await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();

        if (name is null)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a task id that is not a number matches no route: " + text);
            return;
        }
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(text, Does.Contain(name));
        Assert.That(text, Does.Not.Contain("   at "));
    }
}
