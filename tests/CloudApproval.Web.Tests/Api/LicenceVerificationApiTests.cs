using System.Net;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

/// <summary>The public verification page behind a licence's QR code: no sign-in, a clear 404, rate-limited per address.</summary>
public sealed class LicenceVerificationApiTests
{
    [Test]
    public async Task AnUnknownNumber_IsA404NamingTheNumber_AsJsonOrAsAPage()
    {
        using var host = new WebHost();
        using var client = await host.ClientForAsync(null);

        using var json = await client.GetAsync("/verify/licences/SP-2026-999999");
        Assert.That(json.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await json.Content.ReadAsStringAsync(), Does.Contain("unknown-licence").And.Contain("SP-2026-999999"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/verify/licences/SP-2026-999999");
        request.Headers.Accept.ParseAdd("text/html");
        using var page = await client.SendAsync(request);
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("SP-2026-999999"));
    }

    [Test]
    public async Task MoreVerificationsThanTheLimit_Are429_WithRetryAfter()
    {
        using var host = new WebHost(settings: new Dictionary<string, string> { ["CloudApproval:VerificationsPerMinute"] = "3" });
        using var client = await host.ClientForAsync(null);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await client.GetAsync("/verify/licences/SP-2026-999999");
            statuses.Add(last.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests }));
        Assert.That(last!.Headers.RetryAfter?.Delta?.TotalSeconds, Is.GreaterThan(0));
        last.Dispose();
    }
}
