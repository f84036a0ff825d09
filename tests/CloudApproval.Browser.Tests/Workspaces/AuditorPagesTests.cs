using System.Text.Json.Nodes;
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

    [Test]
    public async Task A_case_decided_on_a_commitment_shows_its_due_date_and_the_stopped_clock_instead_of_a_countdown()
    {
        using var chen = await WorkspacesSession.ApiAsync("applicant-chen");
        using var li = await WorkspacesSession.ApiAsync("clerk-li");
        var (_, decided) = await chen.ApplyForFoodLicenceAsync("陈静");
        var (_, undecided) = await chen.ApplyForFoodLicenceAsync("陈静");
        foreach (var caseId in new[] { decided, undecided })
        {
            await li.CompleteTaskAsync(caseId, "pre-review", "accept");
            await chen.PostAsync($"/api/cases/{caseId}/events/commitment-signed", new { });
        }
        await li.CompleteTaskAsync(decided, "review", "approve", new JsonObject { ["opinion"] = "conditions met" });
        // Decided, the case still runs: the inspector verifies the commitment (事后核查).
        await li.UntilAsync($"/api/cases/{decided}", c => c["tasks"]!.AsArray().Any(t => (string?)t!["activityId"] == "verify"));
        var sun = await WorkspacesSession.NewPageAsync();

        await sun.SignInAsync("auditor-sun", returnUrl: "/audit");
        var decidedRow = sun.Locator($".audit-case[data-case-id='{decided}']");
        var undecidedRow = sun.Locator($".audit-case[data-case-id='{undecided}']");
        await Assertions.Expect(decidedRow.Locator(".clock-state[data-clock='Stopped']")).ToBeVisibleAsync();
        await Assertions.Expect(decidedRow.Locator(".days-left")).ToHaveCountAsync(0);
        await Assertions.Expect(undecidedRow.Locator(".days-left[data-days]")).ToBeVisibleAsync();
        await Assertions.Expect(undecidedRow.Locator(".clock-state")).ToHaveCountAsync(0);
        await sun.ScreenshotAsync("auditor-case-decided-stopped-clock");
    }
}
