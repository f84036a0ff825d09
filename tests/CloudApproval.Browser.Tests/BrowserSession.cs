using Microsoft.Playwright;

using CloudApproval.Browser.Tests.Support;

namespace CloudApproval.Browser.Tests;

/// <summary>
/// One web host and one headless Chromium (Debian's, at /usr/bin/chromium: Playwright's own download is not used) for
/// every test of the assembly; each test gets a fresh browser context, so nobody inherits a sign-in.
/// </summary>
[SetUpFixture]
public sealed class BrowserSession
{
    public const string Password = "Demo#2026";

    private static IPlaywright? s_playwright;
    private static IBrowser? s_browser;
    private static WebHostProcess? s_host;

    internal static WebHostProcess Host => s_host ?? throw new InvalidOperationException("the web host has not started");

    /// <summary>Where screenshots go (beside the TRX files of tools/test.sh).</summary>
    public static string Screenshots { get; } = Path.Combine(Repo.Root, "TestResults", "screenshots");

    [OneTimeSetUp]
    public static async Task StartAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium)) Assert.Fail($"no browser at {chromium}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH");
        Directory.CreateDirectory(Screenshots);
        s_host = await WebHostProcess.StartAsync();
        s_playwright = await Playwright.CreateAsync();
        s_browser = await s_playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    [OneTimeTearDown]
    public static async Task StopAsync()
    {
        if (s_browser is not null) await s_browser.DisposeAsync();
        s_playwright?.Dispose();
        if (s_host is not null) await s_host.DisposeAsync();
    }

    /// <summary>A fresh page (its own cookies) at the host's address, or at another host's.</summary>
    internal static async Task<IPage> NewPageAsync(WebHostProcess? host = null)
    {
        var context = await s_browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (host ?? Host).Url,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(20_000);
        // Expectations wait as long as actions: the inbox polls every 5 s, and a busy machine renders slower than that.
        Assertions.SetDefaultExpectTimeout(20_000);
        return await context.NewPageAsync();
    }
}
