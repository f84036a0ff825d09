using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CloudApproval.Cases.Documents;

/// <summary>
/// Sets a document on A4 pages in a CJK font: the title centred, the number under it, paragraphs wrapped to the
/// margins (Chinese breaks between any two characters, Latin text at spaces), the department, date and a red seal block
/// with the seal id at the end, as an official document (公文) is signed.
/// </summary>
internal static class PdfLayout
{
    private const double Margin = 64;
    private const double Body = 11.5;

    public static byte[] Render(IReadOnlyList<DocumentBlock> blocks, DocumentStamp stamp, string fontFamily, string title)
    {
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        var titleFont = new XFont(fontFamily, 18, XFontStyleEx.Regular, options);
        var subtitleFont = new XFont(fontFamily, 10.5, XFontStyleEx.Regular, options);
        var bodyFont = new XFont(fontFamily, Body, XFontStyleEx.Regular, options);
        var smallFont = new XFont(fontFamily, 8.5, XFontStyleEx.Regular, options);

        using var pdf = new PdfDocument();
        pdf.Info.Title = title;
        pdf.Info.Author = stamp.DepartmentName;
        pdf.Info.Subject = stamp.Number;
        pdf.Info.Creator = "CloudApproval";
        var writer = new PageWriter(pdf);

        foreach (var block in blocks)
        {
            switch (block.Kind)
            {
                case DocumentBlockKind.Title:
                    writer.Centered(block.Text, titleFont, XBrushes.Black, 28);
                    break;
                case DocumentBlockKind.Subtitle:
                    writer.Centered(block.Text, subtitleFont, XBrushes.DimGray, 17);
                    break;
                case DocumentBlockKind.Item:
                    writer.Wrapped(block.Text, bodyFont, indent: 18, hanging: "· ");
                    break;
                case DocumentBlockKind.Gap:
                    writer.Space(8);
                    break;
                default:
                    writer.Wrapped(block.Text, bodyFont, indent: 0, hanging: null);
                    break;
            }
            if (block.Kind == DocumentBlockKind.Title && block == blocks.First(b => b.Kind == DocumentBlockKind.Title))
                writer.Centered("文书编号 No. " + stamp.Number, smallFont, XBrushes.DimGray, 16);
        }
        writer.Signature(stamp, bodyFont, smallFont);
        writer.Dispose();
        using var stream = new MemoryStream();
        pdf.Save(stream, false);
        return stream.ToArray();
    }

    private sealed class PageWriter(PdfDocument pdf) : IDisposable
    {
        private XGraphics? _gfx;
        private PdfPage? _page;
        private double _y;

        private XGraphics Gfx => _gfx ?? NewPage();

        private double Width => _page!.Width.Point - 2 * Margin;

        private XGraphics NewPage()
        {
            _gfx?.Dispose();
            _page = pdf.AddPage();
            _page.Size = PageSize.A4;
            _gfx = XGraphics.FromPdfPage(_page);
            _y = Margin;
            return _gfx;
        }

        private void Need(double height)
        {
            var gfx = Gfx;
            if (_y + height > _page!.Height.Point - Margin) NewPage();
            _ = gfx;
        }

        public void Space(double height) => _y += height;

        public void Centered(string text, XFont font, XBrush brush, double height)
        {
            foreach (var line in Lines(text, font, Width))
            {
                Need(height);
                Gfx.DrawString(line, font, brush, new XRect(Margin, _y, Width, height), XStringFormats.TopCenter);
                _y += height;
            }
        }

        public void Wrapped(string text, XFont font, double indent, string? hanging)
        {
            var lineHeight = font.Size * 1.75;
            var first = true;
            foreach (var line in Lines(text, font, Width - indent))
            {
                Need(lineHeight);
                if (first && hanging is not null)
                    Gfx.DrawString(hanging, font, XBrushes.Black, new XRect(Margin + indent - 12, _y, 12, lineHeight), XStringFormats.TopLeft);
                Gfx.DrawString(line, font, XBrushes.Black, new XRect(Margin + indent, _y, Width - indent, lineHeight), XStringFormats.TopLeft);
                _y += lineHeight;
                first = false;
            }
        }

        /// <summary>The department and date at the right, the seal overlapping them as a seal is pressed over the signature.</summary>
        public void Signature(DocumentStamp stamp, XFont font, XFont small)
        {
            const double seal = 118;
            Need(seal + 40);
            _y += 24;
            var right = Margin + Width;
            var signWidth = Math.Max(Gfx.MeasureString(stamp.DepartmentName, font).Width, Gfx.MeasureString(stamp.IssueDate, font).Width) + 8;
            var x = right - signWidth;
            Gfx.DrawString(stamp.DepartmentName, font, XBrushes.Black, new XRect(x, _y + 34, signWidth, 20), XStringFormats.TopCenter);
            Gfx.DrawString(stamp.IssueDate, font, XBrushes.Black, new XRect(x, _y + 58, signWidth, 20), XStringFormats.TopCenter);

            var red = XColor.FromArgb(210, 200, 16, 46);
            var centre = new XPoint(x + signWidth / 2, _y + 46);
            var box = new XRect(centre.X - seal / 2, centre.Y - seal / 2, seal, seal);
            Gfx.DrawEllipse(new XPen(red, 3), box);
            var brush = new XSolidBrush(red);
            Gfx.DrawString("★", new XFont(font.FontFamily.Name, 26, XFontStyleEx.Regular, font.PdfOptions), brush, new XRect(box.X, centre.Y - 17, seal, 30), XStringFormats.TopCenter);
            Gfx.DrawString("电子印章", small, brush, new XRect(box.X, box.Y + 16, seal, 12), XStringFormats.TopCenter);
            Gfx.DrawString("E-SEAL", small, brush, new XRect(box.X, centre.Y + 18, seal, 12), XStringFormats.TopCenter);
            _y += seal - 8;
            foreach (var line in Lines("印章编号 Seal ID: " + stamp.SealId, small, Width))
            {
                Gfx.DrawString(line, small, brush, new XRect(Margin, _y, Width, 12), XStringFormats.TopRight);
                _y += 12;
            }
            Gfx.DrawString("本文书经电子印章签章（SM2/SM3），可在系统中验证。Sealed electronically; verify it in the system.", small, XBrushes.DimGray,
                new XRect(Margin, _y + 2, Width, 12), XStringFormats.TopRight);
            _y += 14;
        }

        /// <summary>Greedy line breaking: any two CJK characters may part; a Latin word stays whole unless it alone is too wide.</summary>
        private IEnumerable<string> Lines(string text, XFont font, double width)
        {
            var line = new StringBuilder();
            var lastSpace = -1;
            foreach (var ch in text)
            {
                line.Append(ch);
                if (ch == ' ') lastSpace = line.Length - 1;
                if (Gfx.MeasureString(line.ToString(), font).Width <= width) continue;
                if (lastSpace > 0 && line.Length - lastSpace < 24)
                {
                    var rest = line.ToString(lastSpace + 1, line.Length - lastSpace - 1);
                    yield return line.ToString(0, lastSpace).TrimEnd();
                    line.Clear().Append(rest);
                }
                else
                {
                    line.Length--;
                    yield return line.ToString();
                    line.Clear().Append(ch);
                }
                lastSpace = -1;
            }
            if (line.Length > 0) yield return line.ToString();
        }

        public void Dispose() => _gfx?.Dispose();
    }
}
