using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

[Category(TestCategories.HttpSurface)]
public sealed class SignInTests
{
    private WebHost _host = null!;

    [OneTimeSetUp]
    public void StartHost() => _host = new WebHost();

    [OneTimeTearDown]
    public void StopHost() => _host.Dispose();

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [TestCase("admin", "Admin", "")]
    [TestCase("analyst-zhao", "Analyst", "")]
    [TestCase("clerk-li", "Clerk", "market-supervision")]
    [TestCase("clerk-ma", "Clerk", "market-supervision")]
    [TestCase("head-zhou", "DepartmentHead", "market-supervision")]
    [TestCase("clerk-wang", "Clerk", "planning-resources")]
    [TestCase("head-qian", "DepartmentHead", "planning-resources")]
    [TestCase("auditor-sun", "Auditor", "")]
    [TestCase("applicant-chen", "Applicant", "")]
    [TestCase("applicant-liu", "Applicant", "")]
    public async Task EveryDemoUser_SignsIn_AndSeesTheirRoleAndDepartments(string user, string role, string departments)
    {
        using var client = await _host.ClientForAsync(user);

        var me = await JsonAsync(await client.GetAsync("/api/me"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(me.GetProperty("userName").GetString(), Is.EqualTo(user));
            Assert.That(me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { role }));
            Assert.That(string.Join(",", me.GetProperty("departments").EnumerateArray().Select(d => d.GetString())), Is.EqualTo(departments));
            Assert.That(me.GetProperty("displayName").GetString(), Is.Not.Empty);
        }
    }

    [Test]
    public async Task EveryTaskRoleThatTheProceduresName_HasADemoUser()
    {
        var named = Directory.GetFiles(Repo.Workflows, "v*.json", SearchOption.AllDirectories)
            .SelectMany(file => JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("activities").EnumerateArray())
            .Where(a => a.GetProperty("type").GetString() == "UserTask")
            .Select(a => a.GetProperty("inputs").GetProperty("role").GetString()!)
            .ToHashSet();
        var duties = new HashSet<string>();
        // Through /api/me: the duties arrive as claims of a signed-in user, not only as seed data.
        foreach (var user in Identity.DemoOrganisation.Users.Where(u => u.Duties.Length > 0).Select(u => u.UserName))
        {
            using var client = await _host.ClientForAsync(user);
            duties.UnionWith((await JsonAsync(await client.GetAsync("/api/me"))).GetProperty("duties").EnumerateArray().Select(d => d.GetString()!));
        }

        Assert.That(named, Is.Not.Empty);
        Assert.That(named.Except(duties), Is.Empty, "task roles no demo user can take");
    }

    [Test]
    public async Task WrongPassword_Is401ProblemDetails_AndFiveFailuresLockTheAccount()
    {
        // A host of its own: the locked account must not disturb the other tests.
        using var host = new WebHost();
        using var client = host.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var failed = await client.PostAsJsonAsync("/api/identity/login", new { userName = "clerk-ma", password = "not-the-password" });
            statuses.Add(failed.StatusCode);
            Assert.That(failed.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        }

        using var locked = await client.PostAsJsonAsync("/api/identity/login", new { userName = "clerk-ma", password = WebHost.Password });

        Assert.That(statuses, Is.EqualTo(Enumerable.Repeat(HttpStatusCode.Unauthorized, 4).Append(HttpStatusCode.Locked)));
        Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.Locked), "the right password does not open a locked account");
        Assert.That((await JsonAsync(locked)).GetProperty("detail").GetString(), Does.Contain("locked"));
    }

    [Test]
    public async Task CookieSignIn_OpensTheApiToTheBrowser_AndLogoutClosesIt()
    {
        using var client = _host.CreateClient(new() { HandleCookies = true });

        using var login = await client.PostAsJsonAsync("/api/identity/login?useCookies=true", new { userName = "auditor-sun", password = WebHost.Password });
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cloudapproval=", StringComparison.Ordinal));
        using var me = await client.GetAsync("/api/me");
        using var logout = await client.PostAsync("/api/identity/logout", null);
        using var after = await client.GetAsync("/api/me");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(cookie, Does.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase);
            Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }
    }

    [TestCase("{\"userName\":\"clerk-li\",", "$")]
    [TestCase("{\"userName\":\"clerk-li\",\"password\":\"x\",\"role\":\"Admin\"}", "$.role is not a field")]
    [TestCase("{\"userName\":42,\"password\":\"x\"}", "$.userName has the wrong type")]
    [TestCase("{\"userName\":\"clerk-li\"}", "lacks required fields")]
    [TestCase("[]", "$")]
    public async Task BadLoginBody_Is400ProblemDetails_NamingWhereItIsWrong(string body, string detail)
    {
        using var client = _host.CreateClient();

        using var response = await client.PostAsync("/api/identity/login", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await JsonAsync(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(detail));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Not.Contain("CloudApproval.Web").And.Not.Contain("   at "));
        }
    }
}
