using Microsoft.Playwright;

namespace CloudApproval.Browser.Tests.Support;

using CloudApproval.Browser.Tests;

/// <summary>What a person does in the browser, waiting as they would for the page to be ready.</summary>
internal static class PageActions
{
    /// <summary>Opens a page and waits until its circuit is live (a click before that would be lost).</summary>
    public static async Task GoAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
    }

    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("#blazor-interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    /// <summary>Signs in through the sign-in page, as a demo user, and waits for the page it leads to.</summary>
    public static async Task SignInAsync(this IPage page, string userName, string password = BrowserSession.Password, string returnUrl = "/")
    {
        await page.GoAsync($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.Locator("#userName").FillAsync(userName);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#sign-in").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal) || url.Contains("error=", StringComparison.Ordinal));
        await page.WaitForInteractiveAsync();
    }

    public static Task ScreenshotAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSession.Screenshots, name + ".png"), FullPage = true });
}
