using CloudApproval.Browser.Tests.Support;
using Microsoft.Playwright;

namespace CloudApproval.Browser.Tests.Workspaces;

public sealed class WorkloadPageTests
{
    [Test]
    public async Task AHead_SeesTheUnclaimedTaskOfANewApplication_AndHandsItToAClerk()
    {
        using var chen = await WorkspacesSession.ApiAsync("applicant-chen");
        var (_, caseId) = await chen.ApplyForFoodLicenceAsync("陈静");
        var zhou = await WorkspacesSession.NewPageAsync();

        await zhou.SignInAsync("head-zhou");
        await zhou.Locator("#nav-workload").ClickAsync();

        await Assertions.Expect(zhou.Locator(".workload-row[data-holder=''] .workload-tasks")).Not.ToHaveTextAsync("0");
        await zhou.Locator("#only-due").ClickAsync();
        var row = zhou.Locator($".due-task:has(a:text('{caseId}'))");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await row.Locator(".assignee input").FillAsync("clerk-ma");
        await row.Locator(".assign").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("clerk-ma");
        await Assertions.Expect(zhou.Locator(".workload-row[data-holder='clerk-ma']")).ToBeVisibleAsync();
        await zhou.ScreenshotAsync("head-workload");
    }
}
