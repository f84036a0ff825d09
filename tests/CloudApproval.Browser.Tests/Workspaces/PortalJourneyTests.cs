using System.Text;
using CloudApproval.Browser.Tests.Support;
using Microsoft.Playwright;

namespace CloudApproval.Browser.Tests.Workspaces;

/// <summary>
/// The applicant portal in the browser, as applicant-chen on the demo organisation: the catalogue, the apply wizard
/// (uploads, a refused file shown at its material, a draft that survives a reload, 告知承诺 refused for bad credit,
/// signing and submitting), then the receipt on My applications.
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
        await page.Locator("input[data-field='subjectName'], [data-field='subjectName'] input").First.FillAsync("陈记小吃");
        await page.Locator("#particulars-next").ClickAsync();

        // A file of a type the material does not take: the use case's refusal, at that material, and nothing stored.
        var form = Slot(page, "application-form");
        await form.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "application.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("申请书") });
        await Assertions.Expect(form.Locator(".upload-problem")).ToContainTextAsync("application.txt");
        await Assertions.Expect(form.Locator(".upload-problem")).ToContainTextAsync("pdf, ofd");
        await Assertions.Expect(form.Locator(".uploaded")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("portal-apply-type-refused");

        foreach (var material in new[] { "application-form", "business-licence", "legal-representative-id", "premises-layout" })
        {
            await Slot(page, material).Locator("input[type=file]").SetInputFilesAsync(new FilePayload
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

    private static ILocator Slot(IPage page, string material) => page.Locator($".material-slot[data-material='{material}']");
}
