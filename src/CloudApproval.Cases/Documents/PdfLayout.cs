using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CloudApproval.Cases.Documents;

/// <summary>
/// Sets a document on A4 pages: the title centred, the number under it, paragraphs wrapped to the margins (Chinese
/// breaks between any two characters, Latin text at spaces), then the department and date with a red seal block and
/// the seal id, as an official document (公文) is signed. Latin runs are set in a Latin font and the rest in the CJK
/// font, since a CJK fallback font may lack Latin glyphs.
/// </summary>
internal static class PdfLayout
{
    private const double Margin = 64;

    /// <summary>A size of the two fonts: CJK and Latin.</summary>
    private sealed record Face(XFont Cjk, XFont Latin)
    {
        public double Size => Cjk.Size;

        public static Face Of(string cjk, string latin, double size)
        {
            var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
            return new Face(new XFont(cjk, size, XFontStyleEx.Regular, options), new XFont(latin, size, XFontStyleEx.Regular, options));
        }
    }

    public static byte[] Render(IReadOnlyList<DocumentBlock> blocks, DocumentStamp stamp, string cjkFamily, string latinFamily, string title)
    {
        var titleFace = Face.Of(cjkFamily, latinFamily, 18);
        var subtitleFace = Face.Of(cjkFamily, latinFamily, 10.5);
        var bodyFace = Face.Of(cjkFamily, latinFamily, 11.5);
        var smallFace = Face.Of(cjkFamily, latinFamily, 8.5);

        using var pdf = new PdfDocument();
        pdf.Info.Title = title;
        pdf.Info.Author = stamp.DepartmentName;
        pdf.Info.Subject = stamp.Number;
        pdf.Info.Creator = "CloudApproval";
        using (var writer = new PageWriter(pdf))
        {
            var numbered = false;
            foreach (var block in blocks)
            {
                // The number goes under the heading (title and subtitles), before the text.
                if (!numbered && block.Kind is not (DocumentBlockKind.Title or DocumentBlockKind.Subtitle))
                {
                    writer.Line("文书编号 No. " + stamp.Number, smallFace, XBrushes.DimGray, 18, Align.Centre);
                    numbered = true;
                }
                switch (block.Kind)
                {
                    case DocumentBlockKind.Title:
                        writer.Line(block.Text, titleFace, XBrushes.Black, 30, Align.Centre);
                        break;
                    case DocumentBlockKind.Subtitle:
                        writer.Line(block.Text, subtitleFace, XBrushes.DimGray, 17, Align.Centre);
                        break;
                    case DocumentBlockKind.Item:
                        writer.Wrapped(block.Text, bodyFace, indent: 18, bullet: true);
                        break;
                    case DocumentBlockKind.Gap:
                        writer.Space(8);
                        break;
                    default:
                        writer.Wrapped(block.Text, bodyFace, indent: 0, bullet: false);
                        break;
                }
            }
            writer.Signature(stamp, bodyFace, smallFace);
        }
        using var stream = new MemoryStream();
        pdf.Save(stream, false);
        return stream.ToArray();
    }

    private enum Align
    {
        Left,
        Centre,
        Right,
    }

    private sealed class PageWriter : IDisposable
    {
        private readonly PdfDocument _pdf;
        private XGraphics _gfx;
        private PdfPage _page;
        private double _y;

        public PageWriter(PdfDocument pdf)
        {
            _pdf = pdf;
            (_page, _gfx) = NewPage();
        }

        private double Width => _page.Width.Point - 2 * Margin;

        private (PdfPage, XGraphics) NewPage()
        {
            var page = _pdf.AddPage();
            page.Size = PageSize.A4;
            _y = Margin;
            return (page, XGraphics.FromPdfPage(page));
        }

        private void Need(double height)
        {
            if (_y + height <= _page.Height.Point - Margin) return;
            _gfx.Dispose();
            (_page, _gfx) = NewPage();
        }

        public void Space(double height) => _y += height;

        /// <summary>A line (wrapped if it must be) aligned within the margins.</summary>
        public void Line(string text, Face face, XBrush brush, double height, Align align, double left = Margin)
        {
            foreach (var line in Lines(text, face, Width))
            {
                Need(height);
                var width = Measure(line, face);
                var x = align switch
                {
                    Align.Centre => left + (Width - width) / 2,
                    Align.Right => left + Width - width,
                    _ => left,
                };
                Draw(line, face, brush, x, _y);
                _y += height;
            }
        }

        public void Wrapped(string text, Face face, double indent, bool bullet)
        {
            var lineHeight = face.Size * 1.8;
            var first = true;
            foreach (var line in Lines(text, face, Width - indent))
            {
                Need(lineHeight);
                if (first && bullet) Draw("·", face, XBrushes.Black, Margin + indent - 10, _y);
                Draw(line, face, XBrushes.Black, Margin + indent, _y);
                _y += lineHeight;
                first = false;
            }
        }

        /// <summary>The department and date at the right, the seal pressed over them, its id beneath.</summary>
        public void Signature(DocumentStamp stamp, Face body, Face small)
        {
            const double seal = 112;
            Need(seal + 56);
            _y += 20;
            var signWidth = Math.Max(Measure(stamp.DepartmentName, body), Measure(stamp.IssueDate, body)) + 12;
            var x = Margin + Width - signWidth;
            Draw(stamp.DepartmentName, body, XBrushes.Black, x + (signWidth - Measure(stamp.DepartmentName, body)) / 2, _y + 36);
            Draw(stamp.IssueDate, body, XBrushes.Black, x + (signWidth - Measure(stamp.IssueDate, body)) / 2, _y + 60);

            var red = XColor.FromArgb(200, 200, 16, 46);
            var brush = new XSolidBrush(red);
            var cx = x + signWidth / 2;
            var cy = _y + 50;
            _gfx.DrawEllipse(new XPen(red, 3), cx - seal / 2, cy - seal / 2, seal, seal);
            _gfx.DrawEllipse(new XPen(red, 0.8), cx - seal / 2 + 6, cy - seal / 2 + 6, seal - 12, seal - 12);
            _gfx.DrawPolygon(brush, Star(cx, cy - 2, 17), XFillMode.Winding);
            Draw("电子印章", small, brush, cx - Measure("电子印章", small) / 2, cy - seal / 2 + 16);
            Draw("E-SEAL", small, brush, cx - Measure("E-SEAL", small) / 2, cy + seal / 2 - 28);
            _y += seal + 4;
            Line("印章编号 Seal ID: " + stamp.SealId, small, brush, 13, Align.Right);
            Line("本文书经电子印章签章（SM2/SM3），可在系统中验证 · Sealed electronically; verify it in the system.", small, XBrushes.DimGray, 13, Align.Right);
        }

        /// <summary>A five-pointed star (drawn: not every CJK font has the ★ glyph).</summary>
        private static XPoint[] Star(double cx, double cy, double r) =>
            [.. Enumerable.Range(0, 10).Select(i =>
            {
                var radius = i % 2 == 0 ? r : r * 0.4;
                var angle = -Math.PI / 2 + i * Math.PI / 5;
                return new XPoint(cx + radius * Math.Cos(angle), cy + radius * Math.Sin(angle));
            })];

        private static bool IsLatin(char ch) => ch < '\u2000';

        /// <summary>The text as runs of one script each: Latin runs in the Latin font, the rest in the CJK font.</summary>
        private static IEnumerable<(string Text, bool Latin)> Runs(string text)
        {
            var start = 0;
            for (var i = 1; i <= text.Length; i++)
            {
                if (i < text.Length && IsLatin(text[i]) == IsLatin(text[start])) continue;
                yield return (text[start..i], IsLatin(text[start]));
                start = i;
            }
        }

        private double Measure(string text, Face face) =>
            Runs(text).Sum(r => _gfx.MeasureString(r.Text, r.Latin ? face.Latin : face.Cjk).Width);

        private void Draw(string text, Face face, XBrush brush, double x, double y)
        {
            foreach (var (run, latin) in Runs(text))
            {
                var font = latin ? face.Latin : face.Cjk;
                _gfx.DrawString(run, font, brush, new XPoint(x, y), XStringFormats.TopLeft);
                x += _gfx.MeasureString(run, font).Width;
            }
        }

        /// <summary>Greedy line breaking: any two CJK characters may part; a Latin word stays whole unless it alone is too wide.</summary>
        private IEnumerable<string> Lines(string text, Face face, double width)
        {
            var line = new StringBuilder();
            var lastSpace = -1;
            foreach (var ch in text)
            {
                line.Append(ch);
                if (ch == ' ') lastSpace = line.Length - 1;
                if (Measure(line.ToString(), face) <= width) continue;
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

        public void Dispose() => _gfx.Dispose();
    }
}
