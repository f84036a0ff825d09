using System.Text;
using CloudApproval.Browser.Tests.Support;
using Microsoft.Playwright;

namespace CloudApproval.Browser.Tests.Workspaces;

/// <summary>
/// The applicant portal in the browser on the demo organisation: applicant-chen finds a matter in the catalogue and
/// applies through the wizard (uploads, a refused file shown at its material, a draft that survives a reload, 告知承诺
/// refused for bad credit, signing and submitting, the receipt); supplements deferred materials from My applications,
/// opens a notice (its read receipt recorded) and sees the licence's QR code; applicant-liu saves a profile.
/// </summary>
[NonParallelizable]
public sealed class PortalJourneyTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

    [Test]
    public async Task AnApplicant_FindsTheMatter_UploadsWithARefusalShownInPlace_ResumesTheDraft_SignsAndSubmits_AndSeesTheReceipt()
    {
        using var chen = await WorkspacesSession.ApiAsync("applicant-chen");
        using var admin = await WorkspacesSession.ApiAsync("admin");
        await chen.PutAsync("/api/my/profile", """{"kind":"person","name":"陈静","idNumber":"11010519491231002X"}""");
        await admin.PutAsync("/api/applicants/applicant-chen/credit", """{"seriousBadCredit":true,"falseCommitment":false}""");

        var page = await WorkspacesSession.NewPageAsync();
        await page.SignInAsync("applicant-chen", returnUrl: "/matters");
        await Assertions.Expect(page.Locator("#nav-matters")).ToBeVisibleAsync();
        await page.Locator("#matter-search").FillAsync("食品");
        await Assertions.Expect(page.Locator(".matter-row[data-matter='land-use-planning-permit']")).ToHaveCountAsync(0);
        var food = page.Locator(".matter-row[data-matter='food-business-licence']");
        await Assertions.Expect(food).ToContainTextAsync("上海市市场监督管理局");
        await page.ScreenshotAsync("portal-matters");
        await food.Locator(".apply-matter").ClickAsync();

        await page.WaitForURLAsync("**/apply/food-business-licence");
        await page.WaitForInteractiveAsync();
        // The particulars are the matter's form, each input of its type; an invalid value is refused by the server at its field.
        Task Fill(string field, string value) => page.Locator($"[data-field='{field}'] input").First.FillAsync(value);
        await Fill("shopName", "陈记小吃");
        await Fill("premisesAddress", "上海市黄浦区南京东路100号");
        await Fill("businessArea", "45");
        await page.Locator("[data-field='mainBusinessType'] .mud-select").First.ClickAsync();
        await page.GetByText("餐饮服务经营者", new() { Exact = true }).ClickAsync();
        await Fill("contactPhone", "12345");
        await page.Locator("#particulars-next").ClickAsync();
        await Assertions.Expect(page.Locator("[data-field='contactPhone']")).ToContainTextAsync("particulars.contactPhone");
        await Assertions.Expect(page.Locator("#particulars-refused")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-field='shopName'] .mud-input-error")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("portal-apply-particulars-refused");
        await Fill("contactPhone", "13912345678");
        await page.Locator("#particulars-next").ClickAsync();

        // A file of a type the material does not take: the use case's refusal, at that material, and nothing stored.
        var form = Slot(page, "application-form");
        await form.Locator("input[type=file]").ChooseFilesAsync(new FilePayload { Name = "application.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("申请书") });
        await Assertions.Expect(form.Locator(".upload-problem")).ToContainTextAsync("application.txt");
        await Assertions.Expect(form.Locator(".upload-problem")).ToContainTextAsync("pdf, ofd");
        await Assertions.Expect(form.Locator(".uploaded")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("portal-apply-type-refused");

        foreach (var material in new[] { "application-form", "business-licence", "legal-representative-id", "premises-layout" })
        {
            await Slot(page, material).Locator("input[type=file]").ChooseFilesAsync(new FilePayload
            {
                Name = material + ".pdf", MimeType = "application/pdf", Buffer = [.. Pdf, .. Encoding.ASCII.GetBytes(material)],
            });
            await Assertions.Expect(Slot(page, material).Locator(".uploaded")).ToContainTextAsync(material + ".pdf");
        }
        await Assertions.Expect(form.Locator(".upload-problem")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("portal-apply-materials");

        // The draft is the server's: a reload resumes it at the materials, with every file there.
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator(".apply-step[data-step='materials']")).ToHaveAttributeAsync("data-active", "true");
        await Assertions.Expect(Slot(page, "premises-layout").Locator(".uploaded")).ToContainTextAsync("premises-layout.pdf");
        await page.Locator("#materials-next").ClickAsync();

        // 告知承诺: the full letter is shown, and the credit flag refuses it where it is chosen.
        await page.Locator("#choose-commitment").ClickAsync();
        await Assertions.Expect(page.Locator("#commitment-text")).ToContainTextAsync("告知承诺书");
        await Assertions.Expect(page.Locator("#commitment-text")).ToContainTextAsync("食品经营许可");
        await Assertions.Expect(page.Locator("#commitment-refused")).ToHaveAttributeAsync("data-code", "serious-bad-credit");
        await Assertions.Expect(page.Locator("input#choose-commitment, #choose-commitment input").First).Not.ToBeCheckedAsync();
        await page.ScreenshotAsync("portal-commitment-refused");
        await page.Locator("#commitment-next").ClickAsync();

        var summary = page.Locator("#submit-summary");
        await Assertions.Expect(summary.Locator(".deferred")).ToContainTextAsync("食品安全");
        await Assertions.Expect(page.Locator("#statements li")).ToHaveCountAsync(2);
        await page.Locator("#sign-consent").ClickAsync();
        await page.Locator("#submit-application").ClickAsync();

        await page.WaitForURLAsync("**/my/applications?submitted=*");
        var receipt = page.Locator("#receipt");
        await Assertions.Expect(receipt.Locator(".received[data-material='application-form']")).ToContainTextAsync("application-form.pdf");
        var caseId = await receipt.GetAttributeAsync("data-case-id");
        Assert.That(caseId, Is.Not.Null.And.Not.Empty);
        await Assertions.Expect(page.Locator($".my-case[data-case-id='{caseId}']")).ToBeVisibleAsync();
        await page.ScreenshotAsync("portal-submitted-receipt");

        var applicationId = new Uri(page.Url).Query.Split('=')[1];
        var application = await chen.GetAsync($"/api/applications/{applicationId}");
        Assert.That((string?)application["status"], Is.EqualTo("submitted"));
        Assert.That((string?)application["caseId"], Is.EqualTo(caseId));
        Assert.That((bool?)application["commitment"], Is.False, "the refused commitment was not submitted");
        await admin.PutAsync("/api/applicants/applicant-chen/credit", """{"seriousBadCredit":false,"falseCommitment":false}""");
    }

    [Test]
    public async Task DeferredMaterials_AreSupplementedFromMyApplications_ThenTheNoticeOpenedRecordsItsReadReceipt_AndTheLicenceShowsItsQrCode()
    {
        // The outdoor advertising permit runs the deficiency procedure: clerk-lin accepts it with the safety report and
        // the insurance to follow (容缺); chen signs the undertaking; the case then waits for the supplement.
        using var chen = await WorkspacesSession.ApiAsync("applicant-chen");
        using var lin = await WorkspacesSession.ApiAsync("clerk-lin");
        await chen.PutAsync("/api/my/profile", """
            {"kind":"enterprise","name":"上海陈记餐饮有限公司","creditCode":"91350100M000100Y43",
             "legalRepresentative":{"name":"陈静","idNumber":"11010519491231002X"},
             "electronicService":{"consented":true,"scope":["notices","decisions","licences","enforcement"]}}
            """);
        var draft = await chen.PostAsync("/api/applications", new System.Text.Json.Nodes.JsonObject { ["matter"] = "outdoor-advertising-permit", ["data"] = SeedParticulars.For("outdoor-advertising-permit") });
        var applicationId = (string)draft["id"]!;
        foreach (var material in new[] { "application-form", "business-licence", "site-rights", "design-drawings" })
            await chen.UploadAsync(applicationId, material);
        var caseId = (string)(await chen.PostAsync($"/api/applications/{applicationId}/submit", new { commitment = false }))["caseId"]!;
        await lin.CompleteTaskAsync(caseId, "pre-review", "accept-with-deficiency", new System.Text.Json.Nodes.JsonObject { ["missingMaterials"] = "结构安全检测报告、公众责任保险" });
        await chen.PostAsync($"/api/cases/{caseId}/events/commitment-signed", new { });
        await chen.UntilAsync($"/api/cases/{caseId}", c => c["waitingFor"]!.AsArray().Any(e => (string?)e == "materials-supplemented"));

        var page = await WorkspacesSession.NewPageAsync();
        await page.SignInAsync("applicant-chen", returnUrl: "/my/applications");
        var supplement = page.Locator($".supplement-request[data-case-id='{caseId}']");
        await Assertions.Expect(page.Locator($".my-case[data-case-id='{caseId}'] .clock-words")).Not.ToBeEmptyAsync();
        // The case's progress as the applicant follows it: received, accepted with a deficiency, now waiting for them.
        await page.Locator($".my-case[data-case-id='{caseId}'] .show-progress").ClickAsync();
        var progress = page.Locator($".case-progress[data-case-id='{caseId}']");
        await Assertions.Expect(progress).ToContainTextAsync("已收件");
        await Assertions.Expect(progress).ToContainTextAsync("accept-with-deficiency");
        await Assertions.Expect(progress.Locator(".progress-step").Last).ToContainTextAsync("materials-supplemented");
        // Handed in without the files, the use case refuses, and says so at the form.
        await supplement.Locator(".submit-supplement").ClickAsync();
        await Assertions.Expect(supplement.Locator("#supplement-refused")).ToContainTextAsync("upload it first");
        foreach (var material in new[] { "liability-insurance", "structural-safety-report" })
        {
            var slot = supplement.Locator($".material-slot[data-material='{material}']");
            await slot.Locator("input[type=file]").ChooseFilesAsync(new FilePayload { Name = material + ".pdf", MimeType = "application/pdf", Buffer = [.. Pdf, .. Encoding.ASCII.GetBytes(material)] });
            await Assertions.Expect(slot.Locator(".uploaded")).ToContainTextAsync(material + ".pdf");
        }
        await Assertions.Expect(supplement.Locator("#supplement-refused")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("portal-supplement-uploaded");
        await supplement.Locator(".submit-supplement").ClickAsync();
        await Assertions.Expect(page.Locator(".supplement-request")).ToHaveCountAsync(0);
        var afterSupplement = await chen.GetAsync($"/api/cases/{caseId}");
        Assert.That(afterSupplement["waitingFor"]!.AsArray().Select(e => (string?)e), Does.Not.Contain("materials-supplemented"), "the supplement moved the case on");

        await lin.CompleteTaskAsync(caseId, "review", "approve", new System.Text.Json.Nodes.JsonObject { ["opinion"] = "补齐材料后符合条件，准予许可" });
        var notices = await chen.UntilAsync("/api/my/notices", n => n.AsArray().Any(x => (string?)x!["caseId"] == caseId && x["documentId"] is not null && x["readAt"] is null));
        var unread = notices.AsArray().First(x => (string?)x!["caseId"] == caseId && x["documentId"] is not null && x["readAt"] is null)!;
        var noticeId = (long)unread["id"]!;

        await page.GoAsync("/my/notices");
        var row = page.Locator($".my-notice[data-notice-id='{noticeId}']");
        await Assertions.Expect(row.Locator(".read-at")).ToHaveTextAsync("");
        await row.Locator(".open-notice").ClickAsync();
        await Assertions.Expect(page.Locator("#opened-notice")).ToContainTextAsync(caseId);
        await Assertions.Expect(row.Locator(".read-at")).Not.ToHaveTextAsync("");
        await page.ScreenshotAsync("portal-notices");
        var read = (await chen.GetAsync("/api/my/notices")).AsArray().First(x => (long)x!["id"]! == noticeId)!;
        Assert.That((string?)read["readAt"], Is.Not.Null, "opening it on the page recorded the read receipt");

        var number = (string)(await chen.UntilAsync($"/api/cases/{caseId}", c => c["licences"]!.AsArray().Count > 0))["licences"]![0]!["number"]!;
        await page.GoAsync("/my/licences");
        var licence = page.Locator($".my-licence[data-number='{number}']");
        await Assertions.Expect(licence.Locator(".verify-licence")).ToHaveAttributeAsync("href", $"/verify/licences/{Uri.EscapeDataString(number)}");
        await Assertions.Expect(licence.Locator(".download-qr")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.licence-qr')].every(i => i.complete && i.naturalWidth > 0)");
        await page.ScreenshotAsync("portal-licences");
    }

    [Test]
    public async Task AnApplicant_SavesTheirProfile_WithTheUseCasesProblemShownAtTheFieldItNames()
    {
        var page = await WorkspacesSession.NewPageAsync();
        await page.SignInAsync("applicant-liu", returnUrl: "/my/profile");
        await page.Locator("#profile-name").FillAsync("刘洋");
        await page.Locator("#profile-id-number").FillAsync("110105194912310021");
        await page.Locator("#save-profile").ClickAsync();
        var idField = page.Locator(".mud-input-control", new PageLocatorOptions { Has = page.Locator("#profile-id-number") });
        await Assertions.Expect(idField).ToContainTextAsync("idNumber:");
        await Assertions.Expect(page.Locator(".mud-input-control", new PageLocatorOptions { Has = page.Locator("#profile-name") })).Not.ToContainTextAsync("name:");
        await page.ScreenshotAsync("portal-profile-refused");

        await page.Locator("#profile-id-number").FillAsync("11010519491231002X");
        await page.Locator("#save-profile").ClickAsync();
        await Assertions.Expect(page.Locator("#profile-state")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#profile-refused")).ToHaveCountAsync(0);
        using var liu = await WorkspacesSession.ApiAsync("applicant-liu");
        var profile = await liu.GetAsync("/api/my/profile");
        Assert.That(((string?)profile["name"], (string?)profile["idNumber"]), Is.EqualTo(((string?)"刘洋", (string?)"11010519491231002X")));
    }

    private static ILocator Slot(IPage page, string material) => page.Locator($".material-slot[data-material='{material}']");
}
