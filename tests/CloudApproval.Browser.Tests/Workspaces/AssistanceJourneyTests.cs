using System.Text.Json.Nodes;
using CloudApproval.Browser.Tests.Support;
using Microsoft.Playwright;

namespace CloudApproval.Browser.Tests.Workspaces;

/// <summary>
/// Administrative assistance from the case file: clerk-li of market-supervision, on the pre-review of applicant-liu's
/// food licence, asks planning-resources for the site's planning conditions from the case file's assistance tab; clerk-wang
/// declines it from planning's inbox (through the API here), and clerk-li then reads the decline with its reasons.
/// </summary>
[NonParallelizable]
public sealed class AssistanceJourneyTests
{
    [Test]
    public async Task A_clerk_requests_assistance_from_the_case_file_and_reads_the_decline_with_its_reasons()
    {
        using var liu = await WorkspacesSession.ApiAsync("applicant-liu");
        var (_, caseId) = await liu.ApplyForFoodLicenceAsync("刘洋");
        using var liApi = await WorkspacesSession.ApiAsync("clerk-li");
        var file = await liApi.UntilAsync($"/api/cases/{caseId}", c => c["tasks"]!.AsArray().Any(t => (string?)t!["activityId"] == "pre-review"));
        var taskId = (long)file["tasks"]!.AsArray().First(t => (string?)t!["activityId"] == "pre-review")!["id"]!;

        var li = await WorkspacesSession.NewPageAsync();
        await li.SignInAsync("clerk-li", returnUrl: $"/tasks/{taskId}");
        await li.WaitForInteractiveAsync();
        await li.Locator("#case-file").GetByText("行政协助").ClickAsync();
        await li.Locator("#request-assistance").ClickAsync();
        await Assertions.Expect(li.Locator("#assistance-problem")).ToContainTextAsync("question:");

        await li.Locator("#assistance-item").ClickAsync();
        await li.Locator(".mud-popover-open .mud-list-item:has-text('规划条件核实')").First.ClickAsync();
        await li.Locator(".assistance-question textarea, .assistance-question input").First.FillAsync("淮海路88弄12-03地块的用地性质与容积率？");
        await Assertions.Expect(li.Locator("#assistance-item")).ToHaveValueAsync("planning-conditions");
        await li.Locator("#request-assistance").ClickAsync();
        // The request starts the assistance case in its own transaction: a loaded machine can take longer than the
        // default wait, and the last attempt's problem is gone as soon as this one starts.
        var row = li.Locator(".assistance-row");
        await Assertions.Expect(row).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Assertions.Expect(li.Locator("#assistance-problem")).ToHaveCountAsync(0);
        await Assertions.Expect(row.Locator(".assistance-status")).ToHaveTextAsync("待答复");
        await li.ScreenshotAsync("assistance-requested");

        using var wang = await WorkspacesSession.ApiAsync("clerk-wang");
        var request = (await liApi.GetAsync($"/api/cases/{caseId}/assistance")).AsArray().Single()!;
        await wang.CompleteTaskAsync((string)request["assistanceCaseId"]!, "answer-assistance", "decline", new JsonObject { ["reasons"] = "地块位于浦东新区，请向浦东新区规划资源局申请" });

        await li.GoAsync($"/tasks/{taskId}");
        await li.Locator("#case-file").GetByText("行政协助").ClickAsync();
        await Assertions.Expect(row.Locator(".assistance-status")).ToHaveTextAsync("不予协助");
        await Assertions.Expect(row.Locator(".assistance-answer")).ToContainTextAsync("浦东新区规划资源局");
        await li.ScreenshotAsync("assistance-declined");
    }
}
