using System.Text.Json;
using System.Text.RegularExpressions;
using CloudApproval.Browser.Tests.Support;
using Microsoft.Playwright;

namespace CloudApproval.Browser.Tests;

/// <summary>The procedure designer in a real browser: drawn with the mouse, validated live, saved and published.</summary>
public sealed class DesignerPageTests
{
    [Test]
    public async Task AnAnalyst_DrawsAProcedureWithTheMouse_FixesTheProblemItPointsAt_AndPublishesIt()
    {
        var page = await BrowserSession.NewPageAsync();
        await page.SetViewportSizeAsync(1920, 1080);
        await page.SignInAsync("analyst-zhao", returnUrl: "/designer/procedures/new");
        await FillAsync(page, "#input-definitionId", "drawn-in-browser");
        await FillAsync(page, "#input-name", "Drawn in the browser");

        await DropAsync(page, "Start", 110, 200);
        await DropAsync(page, "UserTask", 340, 200);
        await DropAsync(page, "Decision", 600, 200);
        await DropAsync(page, "End", 860, 80);
        await DropAsync(page, "End", 860, 360);
        await Assertions.Expect(page.Locator(".activity-node")).ToHaveCountAsync(5);

        await SelectAsync(page, "user-task");
        await FillAsync(page, "#input-title", "Review the application");
        await FillAsync(page, "#input-role", "reviewer");
        await FillAsync(page, "#input-department", "market-supervision");
        await page.Locator("#input-outcomes-add").ClickAsync();
        await FillAsync(page, "#input-outcomes-0", "approve");
        await page.Locator("#input-outcomes-add").ClickAsync();
        await FillAsync(page, "#input-outcomes-1", "reject");
        await Assertions.Expect(page.Locator("[data-port-id='user-task/out/reject']")).ToBeVisibleAsync();

        await SelectAsync(page, "decision");
        await page.Locator("#input-branches-add").ClickAsync();
        await FillAsync(page, "#input-branches-0-port", "urgent");
        await FillAsync(page, "#input-branches-0-condition", "input.urgent === true");
        await Assertions.Expect(page.Locator("[data-port-id='decision/out/urgent']")).ToBeVisibleAsync();

        await ConnectAsync(page, "start/out/done", "user-task");
        await ConnectAsync(page, "user-task/out/approve", "decision");
        await ConnectAsync(page, "user-task/out/reject", "end-2");
        await ConnectAsync(page, "decision/out/urgent", "end");
        await ConnectAsync(page, "decision/out/otherwise", "end");
        await Assertions.Expect(page.Locator("#designer-counts")).ToContainTextAsync("5 条连接");

        // Both Ends lack their outcome: the problem names the field, and clicking it goes there.
        var problem = page.Locator(".designer-problem[data-activity='end'][data-field='outcome']");
        await Assertions.Expect(problem).ToContainTextAsync("input 'outcome' is required");
        await Assertions.Expect(page.Locator("[data-activity-id='end'].has-problem")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#publish")).ToBeDisabledAsync();
        await page.ScreenshotAsync("designer-problem");
        await problem.ClickAsync();
        await Assertions.Expect(page.Locator("#property-panel[data-activity='end']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-input='outcome'] :focus")).ToHaveCountAsync(1);
        await ChooseAsync(page, "#input-outcome", "approved");
        await page.Locator(".designer-problem[data-activity='end-2'][data-field='outcome']").ClickAsync();
        await ChooseAsync(page, "#input-outcome", "rejected");

        await Assertions.Expect(page.Locator("#problem-count")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("[data-activity-id='end'].has-problem")).ToHaveCountAsync(0);
        await FillAsync(page, "#changelog", "drawn in the browser");
        await page.Locator("#publish").ClickAsync();
        await Assertions.Expect(page.Locator("#designer-message")).ToContainTextAsync("drawn-in-browser v1");
        await page.ScreenshotAsync("designer-published");

        var published = await (await page.APIRequest.GetAsync("/api/procedures/drawn-in-browser/versions/1")).TextAsync();
        var validated = await page.APIRequest.PostAsync("/api/procedures/validate", new APIRequestContextOptions { DataString = published, Headers = Json });
        var definition = JsonDocument.Parse(published).RootElement;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(JsonDocument.Parse(await validated.TextAsync()).RootElement.GetProperty("valid").GetBoolean(), Is.True, await validated.TextAsync());
            Assert.That(definition.GetProperty("connections").GetArrayLength(), Is.EqualTo(5));
            Assert.That(definition.GetProperty("metadata").GetProperty("changelog")[0].GetString(), Is.EqualTo("v1: drawn in the browser"));
            var decision = definition.GetProperty("activities").EnumerateArray().Single(a => a.GetProperty("id").GetString() == "decision");
            Assert.That(decision.GetProperty("position").GetProperty("x").GetDouble(), Is.GreaterThan(300), "where it was dropped");
        }
    }

    [Test]
    public async Task AMovedActivityIsSaved_AndASecondCopySavingLater_GetsAConflict_AndSavesItsWorkAsACopy()
    {
        var first = await BrowserSession.NewPageAsync();
        var second = await BrowserSession.NewPageAsync();
        await first.SignInAsync("analyst-zhao", returnUrl: "/designer/procedures/remote-survey/edit");
        await second.SignInAsync("analyst-zhao", returnUrl: "/designer/procedures/remote-survey/edit");
        await Assertions.Expect(second.Locator(".activity-node")).Not.ToHaveCountAsync(0);

        var header = (await first.Locator("[data-activity-id='pre-review'] .activity-node-header").BoundingBoxAsync())!;
        await first.Mouse.MoveAsync(header.X + 10, header.Y + header.Height / 2);
        await first.Mouse.DownAsync();
        await first.Mouse.MoveAsync(header.X + 90, header.Y + 120, new MouseMoveOptions { Steps = 6 });
        await first.Mouse.UpAsync();
        await Assertions.Expect(first.Locator("#undo")).ToBeEnabledAsync();
        await first.Keyboard.PressAsync("Control+z");
        await Assertions.Expect(first.Locator("#undo")).ToBeDisabledAsync();
        await first.Keyboard.PressAsync("Control+y");
        await Assertions.Expect(first.Locator("#undo")).ToBeEnabledAsync();
        await first.Locator("#save-draft").ClickAsync();
        await Assertions.Expect(first.Locator("#designer-message")).ToContainTextAsync("remote-survey v2");

        await SelectAsync(second, "start");
        await FillAsync(second, "#input-displayName", "Application received online");
        await second.Locator("#save-draft").ClickAsync();
        await Assertions.Expect(second.Locator("#save-conflict")).ToContainTextAsync("remote-survey v2 (draft) was saved by analyst-zhao");
        await second.ScreenshotAsync("designer-conflict");
        await second.Locator("#copy-id").FillAsync("remote-survey-copy");
        await second.Locator("#conflict-save-copy").ClickAsync();
        await Assertions.Expect(second).ToHaveURLAsync(new Regex("/designer/procedures/remote-survey-copy/edit$"));
        await Assertions.Expect(second.Locator("[data-activity-id='start'] .activity-node-title")).ToHaveTextAsync("Application received online");

        var saved = JsonDocument.Parse(await (await first.APIRequest.GetAsync("/api/procedures/remote-survey/versions/2")).TextAsync()).RootElement;
        var moved = saved.GetProperty("activities").EnumerateArray().Single(a => a.GetProperty("id").GetString() == "pre-review").GetProperty("position");
        Assert.That((moved.GetProperty("x").GetDouble(), moved.GetProperty("y").GetDouble()), Is.Not.EqualTo((260d, 0d)), "the seed's position");

        // Compared with the published version, the move is what changed: on the canvas, in the list, in the JSON.
        await first.GoAsync("/designer/procedures/remote-survey/compare");
        await Assertions.Expect(first.Locator("#compare-newer [data-activity-id='pre-review'].mark-changed")).ToBeVisibleAsync();
        await Assertions.Expect(first.Locator("#compare-older [data-activity-id='pre-review'].mark-changed")).ToBeVisibleAsync();
        await Assertions.Expect(first.Locator("#compare-changes")).ToContainTextAsync("pre-review: position (260, 0) →");
        await Assertions.Expect(first.Locator("#compare-json-diff .diff-del")).ToContainTextAsync(["\"x\": 260,"]);
        await first.ScreenshotAsync("designer-compare");
    }

    [Test]
    public async Task TestRunningAScenario_MarksThePathTaken_AndListsTheTimeline()
    {
        var page = await BrowserSession.NewPageAsync();
        await page.SignInAsync("analyst-zhao", returnUrl: "/designer/procedures/deficiency-pending/edit");

        await ChooseAsync(page, "#scenario", "approved-before-supplement");
        await page.Locator("#run-scenario").ClickAsync();

        await Assertions.Expect(page.Locator("#test-run-result")).ToContainTextAsync("approved");
        await Assertions.Expect(page.Locator("#test-run-timeline tr").First).ToContainTextAsync("start deficiency-pending v1");
        await Assertions.Expect(page.Locator("[data-activity-id='pre-review'].mark-path")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-activity-id='review'].mark-path")).ToBeVisibleAsync();
        await page.ScreenshotAsync("designer-test-run");
    }

    [Test]
    public async Task AClerk_CannotReachTheDesigner_NeitherThePageNorTheApi()
    {
        var page = await BrowserSession.NewPageAsync();
        await page.SignInAsync("clerk-li", returnUrl: "/designer/procedures/commitment/edit");

        await Assertions.Expect(page.Locator("#not-permitted")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#designer-canvas")).ToHaveCountAsync(0);
        var save = await page.APIRequest.PutAsync("/api/procedures/commitment/draft", new APIRequestContextOptions
        {
            DataString = await File.ReadAllTextAsync(Path.Combine(Repo.Workflows, "commitment", "v1.json")),
            Headers = Json,
        });
        Assert.That(save.Status, Is.EqualTo(403));
    }

    private static readonly Dictionary<string, string> Json = new() { ["Content-Type"] = "application/json" };

    /// <summary>Types into a field and leaves it (the change is taken when the field loses focus).</summary>
    private static async Task FillAsync(IPage page, string selector, string text)
    {
        await page.Locator(selector).FillAsync(text);
        await page.Locator(selector).PressAsync("Tab");
    }

    private static async Task DropAsync(IPage page, string type, int x, int y)
    {
        var before = await page.Locator(".activity-node").CountAsync();
        await page.Locator($".toolbox-item[data-type='{type}']").DragToAsync(page.Locator("#designer-canvas"),
            new LocatorDragToOptions { TargetPosition = new TargetPosition { X = x, Y = y } });
        await Assertions.Expect(page.Locator(".activity-node")).ToHaveCountAsync(before + 1);
    }

    private static async Task SelectAsync(IPage page, string activity)
    {
        await page.Locator($"[data-activity-id='{activity}'] .activity-node-title").ClickAsync();
        await Assertions.Expect(page.Locator($"#property-panel[data-activity='{activity}']")).ToBeVisibleAsync();
    }

    /// <summary>Drags from an outcome's port to another activity's entry, as a person does with the mouse.</summary>
    private static async Task ConnectAsync(IPage page, string port, string target)
    {
        var from = (await page.Locator($"[data-port-id='{port}']").BoundingBoxAsync())!;
        var to = (await page.Locator($"[data-port-id='{target}/in']").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(from.X + from.Width / 2, from.Y + from.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(to.X + to.Width / 2, to.Y + to.Height / 2, new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(page.Locator($"[data-port-id='{port}'].has-links")).ToBeVisibleAsync();
    }

    private static async Task ChooseAsync(IPage page, string select, string option)
    {
        await page.Locator(select).Locator("xpath=ancestor::div[contains(@class,'mud-select')][1]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = option, Exact = true }).ClickAsync();
    }
}
