using CloudApproval.Browser.Tests.Support;
using Microsoft.Playwright;

namespace CloudApproval.Browser.Tests.Workspaces;

public sealed class WorkloadPageTests
{
    [Test]
    public async Task AHead_SeesTheUnclaimedTaskOfANewApplication_HandsItToAClerk_AndRemindsThem_WhoSeesItInTheirAlerts()
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

        // 催办: the head reminds the holder, who finds it among their alerts with a link to the task.
        await row.Locator(".remind-message input").FillAsync("请今天内完成预审");
        await row.Locator(".remind").ClickAsync();
        await Assertions.Expect(zhou.Locator(".mud-snackbar")).ToContainTextAsync("clerk-ma");
        await zhou.ScreenshotAsync("head-workload-reminded");

        var ma = await WorkspacesSession.NewPageAsync();
        await ma.SignInAsync("clerk-ma");
        await Assertions.Expect(ma.Locator("#alerts-unread")).ToBeVisibleAsync();
        await ma.Locator("#nav-alerts").ClickAsync();
        var alert = ma.Locator(".alert-row[data-kind='reminder']").First;
        await Assertions.Expect(alert).ToContainTextAsync("请今天内完成预审");
        await Assertions.Expect(alert).ToContainTextAsync(caseId);
        await Assertions.Expect(alert).ToHaveAttributeAsync("data-unread", "true");
        await ma.ScreenshotAsync("clerk-alerts");
        await alert.Locator(".alert-task").ClickAsync();
        await ma.WaitForURLAsync("**/tasks/*");
    }
}
