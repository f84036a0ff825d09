using CloudApproval.Browser.Tests.Support;
using Microsoft.Playwright;

namespace CloudApproval.Browser.Tests.Workspaces;

public sealed class AuditorPagesTests
{
    [Test]
    public async Task An_auditor_finds_an_online_application_by_its_matter_and_runs_the_whole_system_verification()
    {
        using var chen = await WorkspacesSession.ApiAsync("applicant-chen");
        var (_, caseId) = await chen.ApplyForFoodLicenceAsync("陈静");
        var sun = await WorkspacesSession.NewPageAsync();

        await sun.SignInAsync("auditor-sun", returnUrl: "/audit");
        await sun.Locator("#search-matter").ClickAsync();
        await sun.Locator(".mud-popover-open .mud-list-item:has-text('食品经营许可')").First.ClickAsync();
        await sun.Locator("#search-cases").ClickAsync();
        await Assertions.Expect(sun.Locator($".audit-case[data-case-id='{caseId}']")).ToBeVisibleAsync();
        await sun.Locator("#search-suspended").ClickAsync();
        await sun.Locator("#search-cases").ClickAsync();
        await Assertions.Expect(sun.Locator($".audit-case[data-case-id='{caseId}']")).ToHaveCountAsync(0);

        await sun.Locator("#nav-verification-report").ClickAsync();
        await sun.Locator("#run-verification").ClickAsync();
        var verdict = sun.Locator("#report-verdict");
        await Assertions.Expect(verdict).ToHaveAttributeAsync("data-intact", "true", new() { Timeout = 60_000 });
        await Assertions.Expect(sun.Locator(".broken-case")).ToHaveCountAsync(0);
        await sun.ScreenshotAsync("auditor-verification-report");
    }
}
