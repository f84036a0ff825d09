using CloudApproval.Cases.Hosting;
using Microsoft.Extensions.Logging;

namespace CloudApproval.Cases.Documents;

/// <summary>A rendered document: its bytes and their media type.</summary>
public sealed record RenderedDocument(byte[] Bytes, string MediaType);

/// <summary>
/// Sets a rendered notice as a PDF in the CJK font found on the machine (<see cref="CasesSettings.DocumentFontPath"/>
/// or a known system path), or as self-contained HTML where there is none.
/// </summary>
public sealed class DocumentRenderer(CasesSettings settings)
{
    private readonly string? _font = CjkFont.Find(settings.DocumentFontPath);

    /// <summary>The font file PDF documents are set in; null when documents are issued as HTML.</summary>
    public string? FontPath => _font;

    public RenderedDocument Render(RenderedNotice notice, DocumentStamp stamp)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var blocks = DocumentLayout.Blocks(notice.Text);
        return _font is { } font
            ? new RenderedDocument(PdfLayout.Render(blocks, stamp, CjkFont.FamilyFor(font), CjkFont.FamilyFor(CjkFont.LatinFor(font)), notice.Title), DocumentMedia.Pdf)
            : new RenderedDocument(HtmlLayout.Render(blocks, stamp, notice.Title), DocumentMedia.Html);
    }

    /// <summary>Says at start-up which form documents are issued in, and what to install for PDF.</summary>
    public void LogForm(ILogger logger)
    {
        if (_font is not null) logger.LogInformation("Documents are issued as PDF, set in {Font}", _font);
        else logger.LogWarning("No CJK font found{Configured}: documents are issued as self-contained HTML. For PDF: {Hint}",
            settings.DocumentFontPath is { } path ? $" at {path}" : "", CjkFont.InstallHint);
    }
}
