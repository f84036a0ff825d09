using System.Text.Json.Nodes;
using CloudApproval.Browser.Tests.Support;
using Microsoft.Playwright;

namespace CloudApproval.Browser.Tests;

public sealed class ProceduresPageTests
{
    [Test]
    public async Task AnAnalyst_SeesEveryProcedureWithItsVersions_InChinese()
    {
        var page = await BrowserSession.NewPageAsync();

        await page.SignInAsync("analyst-zhao", returnUrl: "/designer/procedures");

        await Assertions.Expect(page.Locator("h4")).ToHaveTextAsync("流程");
        var commitment = page.Locator("#procedure-commitment");
        await Assertions.Expect(commitment).ToContainTextAsync("Commitment-based approval");
        await Assertions.Expect(commitment.Locator(".version-row")).ToHaveCountAsync(1);
        await Assertions.Expect(commitment.Locator(".version-row").First).ToContainTextAsync("已发布");
        await Assertions.Expect(commitment.Locator(".version-row").First).ToContainTextAsync("v1: seed procedure");
        await Assertions.Expect(commitment.Locator(".case-count")).ToHaveTextAsync("0");
        foreach (var id in new[] { "deficiency-pending", "online-hearing", "remote-survey", "joint-review" })
            await Assertions.Expect(page.Locator($"#procedure-{id} .version-row")).Not.ToHaveCountAsync(0);
        await page.ScreenshotAsync("procedures-zh");
    }

    [Test]
    public async Task OpeningAVersion_ShowsItsActivitiesConnectionsAndTheStoredJson()
    {
        var page = await BrowserSession.NewPageAsync();
        await page.SignInAsync("analyst-zhao", returnUrl: "/designer/procedures");

        await page.Locator("#procedure-commitment .open-version").First.ClickAsync();

        await page.WaitForURLAsync("**/designer/procedures/commitment/versions/1");
        await Assertions.Expect(page.Locator("#activities tbody tr")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#connections")).ToContainTextAsync("pre-review");
        var stored = await File.ReadAllTextAsync(Path.Combine(Repo.Workflows, "commitment", "v1.json"));
        Assert.That(await page.Locator("#canonical-json").TextContentAsync(), Is.EqualTo(stored));
        await page.ScreenshotAsync("procedure-version");
    }

    [Test]
    public async Task Export_DownloadsTheStoredFileByteForByte()
    {
        var page = await BrowserSession.NewPageAsync();
        await page.SignInAsync("analyst-zhao", returnUrl: "/designer/procedures");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#procedure-commitment .export-version").First.ClickAsync());

        var saved = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json");
        await download.SaveAsAsync(saved);
        Assert.That(await File.ReadAllBytesAsync(saved), Is.EqualTo(await File.ReadAllBytesAsync(Path.Combine(Repo.Workflows, "commitment", "v1.json"))));
        Assert.That(download.SuggestedFilename, Is.EqualTo("commitment-v1.json"));
        File.Delete(saved);
    }

    [Test]
    public async Task ImportingAFileWithAnError_SavesADraft_AndListsTheErrorWithItsJsonPath()
    {
        var definition = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repo.Workflows, "commitment", "v1.json")))!;
        definition["definitionId"] = "browser-import";
        definition["connections"]![0]!["target"] = "no-such-activity";
        var file = Path.Combine(Path.GetTempPath(), $"browser-import-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, definition.ToJsonString());
        var page = await BrowserSession.NewPageAsync();
        await page.SignInAsync("analyst-zhao", returnUrl: "/designer/procedures");

        await page.Locator("#import-file").ChooseFilesAsync(file);

        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("browser-import v1");
        var error = page.Locator(".validation-error").Filter(new LocatorFilterOptions { HasText = "$.connections[0].target" });
        await Assertions.Expect(error).ToContainTextAsync("no-such-activity");
        await Assertions.Expect(page.Locator("#procedure-browser-import .version-row")).ToContainTextAsync("草稿");
        await page.ScreenshotAsync("procedures-import-error");
        File.Delete(file);
    }

    [Test]
    public async Task ImportingSomethingThatIsNotADefinition_SaysWhyAndSavesNothing()
    {
        var file = Path.Combine(Path.GetTempPath(), $"not-a-definition-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"definitionId": "not-a-definition", "version": "one"}""");
        var page = await BrowserSession.NewPageAsync();
        await page.SignInAsync("analyst-zhao", returnUrl: "/designer/procedures");

        await page.Locator("#import-file").ChooseFilesAsync(file);

        await Assertions.Expect(page.Locator("#import-refused")).ToContainTextAsync("$.version");
        await Assertions.Expect(page.Locator("#procedure-not-a-definition")).ToHaveCountAsync(0);
        File.Delete(file);
    }

    [Test]
    public async Task SwitchingToEnglish_ShowsEnglishLabels_AndStaysEnglish()
    {
        var page = await BrowserSession.NewPageAsync();
        await page.SignInAsync("analyst-zhao", returnUrl: "/designer/procedures");
        await Assertions.Expect(page.Locator("h4")).ToHaveTextAsync("流程");

        await page.Locator("#language-switch").ClickAsync();

        await Assertions.Expect(page.Locator("h4")).ToHaveTextAsync("Procedures");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("#procedure-commitment .version-row").First).ToContainTextAsync("published");
        await Assertions.Expect(page.Locator("#sign-out")).ToHaveTextAsync("Sign out");
        await page.ScreenshotAsync("procedures-en");
        await page.GoAsync("/");
        await Assertions.Expect(page.Locator("h4")).ToHaveTextAsync("Welcome to CloudApproval");
    }

    [Test]
    public async Task APageThatFails_ShowsTheProblemsMessage_AndNoStackTrace()
    {
        var page = await BrowserSession.NewPageAsync();
        await page.SignInAsync("analyst-zhao");

        await page.GoAsync("/designer/procedures/no-such-procedure/versions/7");

        await Assertions.Expect(page.Locator("#page-problem")).ToContainTextAsync("no no-such-procedure v7 in the store");
        var text = await page.Locator("body").InnerTextAsync();
        Assert.That(text, Does.Not.Contain(" at CloudApproval.").And.Not.Contain("Exception"));
        await Assertions.Expect(page.Locator("#nav-procedures")).ToBeVisibleAsync();
        await page.ScreenshotAsync("page-problem");
    }
}
