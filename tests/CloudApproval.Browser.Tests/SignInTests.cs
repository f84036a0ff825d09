using CloudApproval.Browser.Tests.Support;
using Microsoft.Playwright;

namespace CloudApproval.Browser.Tests;

public sealed class SignInTests
{
    [Test]
    public async Task AWrongPassword_IsSaidOnTheSignInPage_AndNobodyIsSignedIn()
    {
        var page = await BrowserSession.NewPageAsync();

        await page.SignInAsync("analyst-zhao", "not-the-password");

        await Assertions.Expect(page.Locator("#sign-in-error")).ToContainTextAsync("用户名或密码错误");
        await page.ScreenshotAsync("signin-wrong-password");
        Assert.That(page.Url, Does.Contain("/signin"));
        await page.GoAsync("/designer/procedures");
        Assert.That(page.Url, Does.Contain("/signin?returnUrl=%2Fdesigner%2Fprocedures"), "still not signed in");
    }

    [Test]
    public async Task APageVisitedSignedOut_LeadsToSignIn_AndBackToThatPageAfterwards()
    {
        var page = await BrowserSession.NewPageAsync();

        await page.GotoAsync("/designer/procedures");
        Assert.That(page.Url, Does.Contain("/signin?returnUrl=%2Fdesigner%2Fprocedures"));
        await page.WaitForInteractiveAsync();
        await page.Locator("#userName").FillAsync("analyst-zhao");
        await page.Locator("#password").FillAsync(BrowserSession.Password);
        await page.Locator("#sign-in").ClickAsync();

        await page.WaitForURLAsync("**/designer/procedures");
        await Assertions.Expect(page.Locator("#signed-in-user")).ToContainTextAsync("赵");
    }

    [Test]
    public async Task AClerk_SeesTheInboxButNotTheDesigner_AndIsNotPermittedOnItsPage()
    {
        var page = await BrowserSession.NewPageAsync();

        await page.SignInAsync("clerk-li");

        await Assertions.Expect(page.Locator("#nav-inbox")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#nav-procedures")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#signed-in-user")).ToContainTextAsync("market-supervision");
        await page.GoAsync("/designer/procedures");
        Assert.That(page.Url, Does.Contain("/not-permitted"));
        await Assertions.Expect(page.Locator("#not-permitted")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".version-row")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("clerk-not-permitted");
    }

    [Test]
    public async Task SigningOut_EndsTheSession()
    {
        var page = await BrowserSession.NewPageAsync();
        await page.SignInAsync("auditor-sun");
        await Assertions.Expect(page.Locator("#nav-audit")).ToBeVisibleAsync();

        await page.Locator("#sign-out").ClickAsync();

        await page.WaitForURLAsync("**/signin");
        await page.GoAsync("/audit");
        Assert.That(page.Url, Does.Contain("/signin?returnUrl=%2Faudit"));
    }
}
