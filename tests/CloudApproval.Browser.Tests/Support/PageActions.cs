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

    /// <summary>
    /// Chooses a file in a Blazor <c>InputFile</c>. The component attaches its change listener from its first after-render
    /// interop call, which can land after the circuit's marker has appeared: a file chosen before that is silently lost,
    /// so this first waits for the field Blazor's init sets on the element (<c>_blazorInputFileNextFileId</c>).
    /// </summary>
    public static async Task ChooseFilesAsync(this ILocator input, FilePayload file)
    {
        await input.WaitForInputFileAsync();
        await input.SetInputFilesAsync(file);
    }

    /// <inheritdoc cref="ChooseFilesAsync(ILocator, FilePayload)"/>
    public static async Task ChooseFilesAsync(this ILocator input, string path)
    {
        await input.WaitForInputFileAsync();
        await input.SetInputFilesAsync(path);
    }

    private static async Task WaitForInputFileAsync(this ILocator input) =>
        await input.Page.WaitForFunctionAsync("element => element._blazorInputFileNextFileId !== undefined", await input.ElementHandleAsync());

    public static Task ScreenshotAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSession.Screenshots, name + ".png"), FullPage = true });
}
