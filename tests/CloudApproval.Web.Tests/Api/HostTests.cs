using System.Net;
using System.Text;
using System.Text.Json;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

/// <summary>What the host itself promises: health, headers, limits, the API reference.</summary>
[Category(TestCategories.HttpSurface)]
public sealed class HostTests
{
    private static WebHost s_host = null!;

    [OneTimeSetUp]
    public static void StartHost() => s_host = new WebHost();

    [OneTimeTearDown]
    public static void StopHost() => s_host.Dispose();

    [Test]
    public async Task Health_ReportsTheDatabaseAndALiveTimerServer()
    {
        using var client = s_host.CreateClient();

        var health = await Poll.UntilAsync(async () =>
        {
            using var response = await client.GetAsync("/health");
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            return response.StatusCode == HttpStatusCode.OK ? (JsonElement?)body : null;
        }, "a healthy host");

        Assert.That(health.GetProperty("checks").GetProperty("database").GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        Assert.That(health.GetProperty("checks").GetProperty("timers").GetProperty("description").GetString(), Does.Contain("timer server(s) alive"));
    }

    [Test]
    public async Task ApiResponses_CarrySecurityHeaders()
    {
        using var client = s_host.CreateClient();

        using var response = await client.GetAsync("/api/calendar/2026");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(response.Headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }));
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'none'"));
        }
    }

    [Test]
    public async Task ABodyOverTheLimit_Is413ProblemDetails()
    {
        using var client = await s_host.ClientForAsync("analyst-zhao");
        var huge = "{\"name\":\"" + new string('x', 3 * 1024 * 1024) + "\"}";

        using var response = await client.PostAsync("/api/procedures/validate", new StringContent(huge, Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task OpenApiDocument_ListsEveryApiRoute_WithWhoMayCallIt()
    {
        using var client = s_host.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths");
        Assert.That(paths.EnumerateObject().Select(p => p.Name), Is.SupersetOf(new[] { "/api/me", "/api/procedures/validate", "/api/calendar/add", "/api/identity/login" }));
        Assert.That(paths.GetProperty("/api/procedures/validate").GetProperty("post").GetProperty("description").GetString(), Does.Contain("Who may call: Designers"));
        Assert.That(paths.GetProperty("/api/calendar/add").GetProperty("get").GetProperty("description").GetString(), Does.Contain("anyone"));
        Assert.That(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out _), Is.True);
    }
}
