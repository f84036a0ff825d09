using CloudApproval.Browser.Tests.Support;
using Microsoft.Playwright;

namespace CloudApproval.Browser.Tests.Workspaces;

public sealed class EfficiencyPageTests
{
    [Test]
    public async Task A_head_opens_the_efficiency_dashboard_from_the_menu_and_sees_the_counts_the_api_gives()
    {
        using var chen = await WorkspacesSession.ApiAsync("applicant-chen");
        await chen.ApplyForFoodLicenceAsync("陈静");
        using var zhouApi = await WorkspacesSession.ApiAsync("head-zhou");
        var figures = await zhouApi.GetAsync("/api/efficiency");
        var received = figures["matters"]!.AsArray().Sum(m => (int)m!["received"]!);
        var open = figures["backlog"]!.AsArray().Sum(b => (int)b!["open"]!);
        Assert.That(received, Is.GreaterThan(0), "the application just made");
        var zhou = await WorkspacesSession.NewPageAsync();

        await zhou.SignInAsync("head-zhou");
        await zhou.Locator("#nav-efficiency").ClickAsync();

        await Assertions.Expect(zhou.Locator("#efficiency-received")).ToHaveTextAsync(received.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(zhou.Locator("#efficiency-open")).ToHaveTextAsync(open.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(zhou.Locator(".efficiency-matter[data-matter='food-business-licence'] .matter-received")).Not.ToHaveTextAsync("0");
        await Assertions.Expect(zhou.Locator("#efficiency-per-day svg")).ToBeVisibleAsync();
        await Assertions.Expect(zhou.Locator(".efficiency-department")).ToHaveCountAsync(1);
        await zhou.ScreenshotAsync("head-efficiency");
    }
}
