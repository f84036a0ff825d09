using CloudApproval.Browser.Tests.Support;
using Microsoft.Playwright;

namespace CloudApproval.Browser.Tests.Workspaces;

/// <summary>
/// One application's way through the workspaces, person by person on the demo organisation: applicant-liu applied online
/// (through the API, as a browser of their own would have); clerk-li of market-supervision watches it arrive in the
/// inbox, claims it and sends one structured correction notice; clerk-wang of planning-resources never sees it.
/// </summary>
[NonParallelizable]
public sealed class CaseworkJourneyTests
{
    [Test]
    public async Task AClerk_SeesTheNewTaskArrive_ClaimsIt_AndRequestsAStructuredCorrection_WhichAnotherDepartmentCannotOpen()
    {
        var li = await WorkspacesSession.NewPageAsync();
        await li.SignInAsync("clerk-li", returnUrl: "/inbox");
        await Assertions.Expect(li.Locator("#inbox-table, #inbox-empty").First).ToBeVisibleAsync();

        // The application arrives while the inbox is open: the row appears without a reload.
        using var liu = await WorkspacesSession.ApiAsync("applicant-liu");
        var (_, caseId) = await liu.ApplyForFoodLicenceAsync("刘洋");
        var row = li.Locator($".task-row[data-case-id='{caseId}']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row).ToContainTextAsync("食品经营许可");
        await Assertions.Expect(row).ToContainTextAsync("applicant-liu");
        await Assertions.Expect(row.Locator(".days-left")).ToHaveAttributeAsync("data-days", "5");

        await row.Locator(".claim-task").ClickAsync();
        await Assertions.Expect(row.Locator(".task-holder")).ToHaveTextAsync("clerk-li");
        await li.ScreenshotAsync("inbox-clerk-claimed");

        await row.Locator(".open-task").ClickAsync();
        await li.WaitForURLAsync("**/tasks/*");
        var taskPath = new Uri(li.Url).AbsolutePath;
        await Assertions.Expect(li.Locator("#task-status")).ToHaveAttributeAsync("data-status", "Claimed");
        await Assertions.Expect(li.Locator(".material-row[data-material='business-licence']")).ToContainTextAsync("business-licence.pdf");
        await Assertions.Expect(li.Locator(".material-row[data-material='business-licence'] .material-preview")).ToHaveAttributeAsync("target", "_blank");
        await Assertions.Expect(li.Locator(".material-row[data-material='food-safety-rules'] .material-state")).ToBeVisibleAsync();

        // An item without its problem is refused by the use case, and the refusal is shown at that item.
        var item = li.Locator(".correction-material[data-material='business-licence']");
        await item.Locator(".pick-material").ClickAsync();
        await item.Locator(".correction-fix textarea, .correction-fix input").First.FillAsync("上传清晰的扫描件");
        await li.Locator("#send-correction").ClickAsync();
        await Assertions.Expect(li.Locator("#correction-refused")).ToContainTextAsync("items[0].problem");
        await Assertions.Expect(item.Locator(".correction-problem")).ToContainTextAsync("items[0].problem");

        await item.Locator(".correction-problem textarea, .correction-problem input").First.FillAsync("营业执照复印件不清晰");
        await li.Locator("#send-correction").ClickAsync();
        await Assertions.Expect(li.Locator("#task-done")).ToContainTextAsync("request-correction");
        await li.Locator("#case-file").GetByText("文书").ClickAsync();
        await Assertions.Expect(li.Locator(".notice-row[data-notice-type='correction-request']")).ToBeVisibleAsync();
        await li.ScreenshotAsync("task-correction-requested");

        await OtherDepartmentSeesNothingAsync(taskPath, caseId);
        await ApplicantAnswersTheCorrectionAsync(liu, caseId);
        await AuditorFindsTheCaseWithItsChainVerifiedAsync(caseId);
    }

    /// <summary>The task's address shows the not-permitted message and nothing of the case; the inbox has no row of it.</summary>
    private static async Task OtherDepartmentSeesNothingAsync(string taskPath, string caseId)
    {
        var wang = await WorkspacesSession.NewPageAsync();
        await wang.SignInAsync("clerk-wang", returnUrl: taskPath);
        await Assertions.Expect(wang.Locator("#not-permitted")).ToBeVisibleAsync();
        await Assertions.Expect(wang.Locator("#case-file")).ToHaveCountAsync(0);
        Assert.That(await wang.ContentAsync(), Does.Not.Contain(caseId));
        await wang.ScreenshotAsync("task-other-department");
        await wang.GoAsync("/inbox");
        await Assertions.Expect(wang.Locator("#inbox-table, #inbox-empty").First).ToBeVisibleAsync();
        await Assertions.Expect(wang.Locator($".task-row[data-case-id='{caseId}']")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// applicant-liu finds the request on their page, uploads the corrected file and submits it; the correction notice,
    /// once issued as a sealed document, records its read receipt when opened.
    /// </summary>
    private static async Task ApplicantAnswersTheCorrectionAsync(Api liuApi, string caseId)
    {
        await liuApi.UntilAsync("/api/my/notices", notices => notices.AsArray().Any(n => (string?)n!["caseId"] == caseId && n["documentId"] is not null));
        var liu = await WorkspacesSession.NewPageAsync();
        await liu.SignInAsync("applicant-liu", returnUrl: "/my/applications");
        var request = liu.Locator(".correction-request");
        await Assertions.Expect(request).ToContainTextAsync("营业执照复印件不清晰");
        await Assertions.Expect(liu.Locator($".my-case[data-case-id='{caseId}'] .clock-words")).ToContainTextAsync("尚未受理");

        await request.Locator(".correction-item[data-material='business-licence'] input[type=file]").ChooseFilesAsync(new FilePayload
        {
            Name = "business-licence-clear.pdf",
            MimeType = "application/pdf",
            Buffer = System.Text.Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n% a clear scan"),
        });
        await Assertions.Expect(request.Locator(".uploaded")).ToContainTextAsync("business-licence-clear.pdf");
        await liu.ScreenshotAsync("applicant-correction-uploaded");
        await request.Locator(".submit-correction").ClickAsync();
        await Assertions.Expect(liu.Locator(".correction-request")).ToHaveCountAsync(0);

        var notice = liu.Locator($".my-notice[data-case-id='{caseId}'][data-notice-type='correction-request']");
        await Assertions.Expect(notice.Locator(".read-at")).ToHaveTextAsync("");
        await notice.Locator(".open-notice").ClickAsync();
        await Assertions.Expect(liu.Locator("#opened-notice")).ToContainTextAsync("营业执照复印件不清晰");
        await Assertions.Expect(notice.Locator(".read-at")).Not.ToHaveTextAsync("");
        await liu.ScreenshotAsync("applicant-portal");
        var tasks = await liuApi.GetAsync($"/api/cases/{caseId}");
        Assert.That(tasks["tasks"]!.AsArray().Select(t => (string?)t!["activityId"]), Does.Contain("review-correction"), "the answer moved the case on");
    }

    /// <summary>auditor-sun finds the case, sees its chain verified entry by entry, and checks the correction notice's seal.</summary>
    private static async Task AuditorFindsTheCaseWithItsChainVerifiedAsync(string caseId)
    {
        var sun = await WorkspacesSession.NewPageAsync();
        await sun.SignInAsync("auditor-sun", returnUrl: "/audit");
        await sun.Locator("#search-applicant").FillAsync("applicant-liu");
        await sun.Locator("#search-cases").ClickAsync();
        await sun.Locator($".audit-case[data-case-id='{caseId}'] .open-case").ClickAsync();

        await sun.WaitForURLAsync($"**/audit/cases/{caseId}");
        await Assertions.Expect(sun.Locator($".chain-badge[data-case-id='{caseId}']")).ToHaveAttributeAsync("data-intact", "true");
        await Assertions.Expect(sun.Locator(".signature-badge")).ToHaveAttributeAsync("data-valid", "true");
        var actions = sun.Locator($".audit-chain[data-case-id='{caseId}'] .audit-entry");
        await Assertions.Expect(actions.First).ToBeVisibleAsync();
        Assert.That(await actions.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.action)"),
            Does.Contain("task-claimed").And.Contain("notice-read"), "claims and read receipts are on the chain");
        await Assertions.Expect(sun.Locator("#archive-pending")).ToBeVisibleAsync();
        // The corrected material is the current file; the one it replaced is still there, by version.
        var licence = sun.Locator(".material-row[data-material='business-licence']");
        await Assertions.Expect(licence).ToContainTextAsync("business-licence-clear.pdf (v2");
        await Assertions.Expect(licence.Locator(".material-replaced")).ToContainTextAsync("v1");

        await sun.Locator("#case-file").GetByText("文书").ClickAsync();
        await sun.Locator(".notice-row[data-notice-type='correction-request'] .verify-seal").ClickAsync();
        await Assertions.Expect(sun.Locator(".notice-row[data-notice-type='correction-request'] .seal-check")).ToHaveAttributeAsync("data-valid", "true");
        await sun.ScreenshotAsync("auditor-case-history");
    }
}
