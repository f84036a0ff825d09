using System.Text;
using CloudApproval.Cases.Documents;
using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Tests.Support;
using UglyToad.PdfPig;

namespace CloudApproval.Cases.Tests.Documents;

public sealed class DocumentRenderingTests
{
    private const string SealId = "market-supervision:0123456789ab";

    private static RenderedDocument Render(string template, string? fontPath)
    {
        var settings = new CasesSettings { WorkflowsFolder = Repo.Workflows, DocumentFontPath = fontPath };
        var rendered = new NoticeTemplates(settings).Render(template, SampleNotice.Model(template));
        return new DocumentRenderer(settings).Render(rendered, new DocumentStamp("CA-20260302-SAMPLE01-0007", "上海市市场监督管理局", SealId, "2026年3月2日"));
    }

    private static string SystemFont() =>
        CjkFont.Find(null) ?? throw new AssertionException($"no CJK font on this machine: {CjkFont.InstallHint}");

    [Test]
    public void A_PDF_carries_the_Chinese_title_the_department_the_date_and_the_seal_id_as_text()
    {
        var document = Render("acceptance", SystemFont());
        Assert.That(document.MediaType, Is.EqualTo(DocumentMedia.Pdf));
        Assert.That(Encoding.ASCII.GetString(document.Bytes, 0, 5), Is.EqualTo("%PDF-"));
        using var pdf = PdfDocument.Open(document.Bytes);
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        Assert.That(text, Does.Contain("受理通知书"));
        Assert.That(text, Does.Contain("上海市市场监督管理局").And.Contain("2026年3月2日"));
        Assert.That(text, Does.Contain(SealId));
    }

    [Test]
    public void Without_a_CJK_font_the_document_is_self_contained_HTML_with_the_same_stamp()
    {
        using var folder = new TempFolder();
        var document = Render("non-acceptance", folder.File("no-such-font.ttf"));
        Assert.That(document.MediaType, Is.EqualTo(DocumentMedia.Html));
        var html = Encoding.UTF8.GetString(document.Bytes);
        Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
        Assert.That(html, Does.Contain("<h1>不予受理决定书</h1>").And.Contain("上海市市场监督管理局").And.Contain(SealId).And.Contain("2026年3月2日"));
        Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("src=").And.Not.Contain("href="), "nothing fetched, nothing run");
    }

    [Test]
    public void Text_from_the_notice_data_is_escaped_in_HTML()
    {
        var blocks = DocumentLayout.Blocks("# 标题\n<script>alert(1)</script>");
        var settings = new CasesSettings { WorkflowsFolder = Repo.Workflows, DocumentFontPath = "/nonexistent.ttf" };
        var document = new DocumentRenderer(settings).Render(new RenderedNotice("x", "# 标题\n<script>alert(1)</script>", []), new DocumentStamp("N", "D", SealId, "2026年3月2日"));
        Assert.That(blocks, Has.Count.EqualTo(2));
        Assert.That(Encoding.UTF8.GetString(document.Bytes), Does.Contain("&lt;script&gt;").And.Not.Contain("<script>"));
    }

    [Test]
    public void A_long_document_flows_onto_further_pages()
    {
        var text = "# 长文书\n" + string.Join("\n", Enumerable.Range(1, 120).Select(i => $"第{i}段：申请材料齐全、符合法定形式，本机关予以受理。"));
        var settings = new CasesSettings { WorkflowsFolder = Repo.Workflows, DocumentFontPath = SystemFont() };
        var document = new DocumentRenderer(settings).Render(new RenderedNotice("x", text, []), new DocumentStamp("N", "上海市市场监督管理局", SealId, "2026年3月2日"));
        using var pdf = PdfDocument.Open(document.Bytes);
        Assert.That(pdf.NumberOfPages, Is.GreaterThan(1));
        Assert.That(pdf.GetPage(pdf.NumberOfPages).Text, Does.Contain("第120段").And.Contain(SealId));
    }
}
