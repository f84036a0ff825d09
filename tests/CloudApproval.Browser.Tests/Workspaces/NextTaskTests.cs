using System.Text.Json.Nodes;
using CloudApproval.Browser.Tests.Support;
using Microsoft.Playwright;

namespace CloudApproval.Browser.Tests.Workspaces;

/// <summary>
/// After completing a task, its page offers the task the completion opened that the clerk may take ("next: …"), and the
/// link opens that task's page with an empty form: the clerk goes on without going back to the inbox.
/// </summary>
[NonParallelizable]
public sealed class NextTaskTests
{
    [Test]
    public async Task A_clerk_who_accepts_at_pre_review_is_offered_the_review_and_opens_it_from_the_link()
    {
        using var chen = await WorkspacesSession.ApiAsync("applicant-chen");
        using var liApi = await WorkspacesSession.ApiAsync("clerk-li");
        var started = await chen.PostAsync("/api/cases", new JsonObject { ["procedure"] = "deficiency-pending", ["input"] = new JsonObject { ["department"] = "market-supervision" } });
        var caseId = (string)started["caseId"]!;
        var tasks = await liApi.GetAsync($"/api/tasks?mine=false&caseId={caseId}");
        var preReview = (long)tasks["tasks"]!.AsArray().Single(t => (string?)t!["activityId"] == "pre-review")!["id"]!;

        var li = await WorkspacesSession.NewPageAsync();
        await li.SignInAsync("clerk-li", returnUrl: $"/tasks/{preReview}");
        await li.Locator(".complete-task[data-outcome='accept']").ClickAsync();

        await Assertions.Expect(li.Locator("#task-done")).ToContainTextAsync("accept");
        var next = li.Locator(".next-task");
        await Assertions.Expect(next).ToHaveCountAsync(1);
        var review = (await liApi.GetAsync($"/api/tasks?mine=false&caseId={caseId}"))["tasks"]!.AsArray().Single()!;
        Assert.That((string?)review["activityId"], Is.EqualTo("review"), "the acceptance opened the review");
        await Assertions.Expect(next).ToHaveAttributeAsync("data-task-id", ((long)review["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(next).ToContainTextAsync((string)review["title"]!);
        await li.ScreenshotAsync("task-next-offered");

        await next.ClickAsync();

        await li.WaitForURLAsync($"**/tasks/{review["id"]}");
        await Assertions.Expect(li.Locator("#task-title")).ToHaveTextAsync((string)review["title"]!);
        await Assertions.Expect(li.Locator("#task-status")).ToHaveAttributeAsync("data-status", "Open");
        await Assertions.Expect(li.Locator(".next-task")).ToHaveCountAsync(0);
        await Assertions.Expect(li.Locator(".complete-task[data-outcome='approve']")).ToBeVisibleAsync();
    }
}
