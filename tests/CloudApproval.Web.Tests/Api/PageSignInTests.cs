using System.Net;
using System.Text.RegularExpressions;
using CloudApproval.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CloudApproval.Web.Tests.Api;

/// <summary>The sign-in page's form post: a cookie for the pages, under the API's rate limit; the API itself unchanged.</summary>
[Category(TestCategories.HttpSurface)]
public sealed partial class PageSignInTests
{
    [Test]
    public async Task TheSignInForm_SetsTheCookie_AndGoesBackToTheLocalReturnUrlOnly()
    {
        using var host = new WebHost();
        using var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var signedIn = await PostSignInAsync(browser, "analyst-zhao", WebHost.Password, "https://elsewhere.example/phish");

        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(signedIn.Headers.Location?.OriginalString, Is.EqualTo("/"), "a foreign return URL is replaced by the home page");
        using var page = await browser.GetAsync("/designer/procedures");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var api = await browser.GetAsync("/api/me");
        Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the pages' cookie is a session for the API too, as ?useCookies=true gives");
    }

    [Test]
    public async Task AWrongPassword_GoesBackToTheSignInPageWithTheReason()
    {
        using var host = new WebHost();
        using var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var refused = await PostSignInAsync(browser, "analyst-zhao", "wrong-password", "/designer/procedures");

        Assert.That(refused.Headers.Location?.OriginalString, Is.EqualTo("/signin?error=wrong-password&returnUrl=%2Fdesigner%2Fprocedures"));
        using var page = await browser.GetAsync("/designer/procedures");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "not signed in");
    }

    [Test]
    public async Task TheSignInForm_CountsAgainstTheLoginRateLimit_AndSaysSoOnThePage()
    {
        using var host = new WebHost(loginsPerMinute: 2);
        using var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var i = 0; i < 2; i++)
        {
            using var refused = await PostSignInAsync(browser, "analyst-zhao", "wrong-password", "/");
            Assert.That(refused.Headers.Location?.OriginalString, Does.StartWith("/signin?error=wrong-password"));
        }
        using var limited = await PostSignInAsync(browser, "analyst-zhao", WebHost.Password, "/");

        Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(limited.Headers.Location?.OriginalString, Is.EqualTo("/signin?error=too-many&returnUrl=%2F"));
        using var api = await browser.PostAsync("/api/identity/login", new StringContent("""{"userName":"analyst-zhao","password":"x"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "the API's sign-in shares the limit and still answers 429");
    }

    [Test]
    public async Task AnApiRequestWithoutCredentials_StillGetsA401Problem_NeverARedirect()
    {
        using var host = new WebHost();
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/api/procedures");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    /// <summary>As the browser does: the page's form with its antiforgery token, then the post.</summary>
    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient browser, string userName, string password, string returnUrl)
    {
        var form = await browser.GetStringAsync("/signin");
        var token = AntiforgeryField().Match(form);
        Assert.That(token.Success, Is.True, "the sign-in page has an antiforgery token");
        return await browser.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        }));
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>__RequestVerificationToken)" value="(?<value>[^"]+)""")]
    private static partial Regex AntiforgeryField();
}
