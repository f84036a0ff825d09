using System.Net;
using System.Text;

namespace CloudApproval.Cases.Documents;

/// <summary>
/// The same document as one self-contained HTML file (inline style, no script, nothing fetched), issued where no CJK
/// font is installed for PDF: the reader's browser has the glyphs. Sealed over its exact bytes like a PDF.
/// </summary>
internal static class HtmlLayout
{
    public static byte[] Render(IReadOnlyList<DocumentBlock> blocks, DocumentStamp stamp, string title)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"document-number\" content=\"").Append(E(stamp.Number)).Append("\">")
            .Append("<meta name=\"seal-id\" content=\"").Append(E(stamp.SealId)).Append("\">")
            .Append("<title>").Append(E(title)).Append("</title><style>")
            .Append("body{font-family:\"Noto Sans SC\",\"Droid Sans Fallback\",\"Microsoft YaHei\",sans-serif;max-width:46em;margin:3em auto;padding:0 2em;line-height:1.9;color:#111}")
            .Append("h1{text-align:center;font-size:1.6em;font-weight:normal;margin:0}.sub,.no{text-align:center;color:#666}.no{font-size:.8em}")
            .Append("ul{padding-left:1.5em}.sign{margin-top:3em;text-align:right;position:relative}")
            .Append(".seal{display:inline-block;width:8em;height:8em;border:3px solid #c8102e;border-radius:50%;color:#c8102e;text-align:center;line-height:1.4;padding-top:1.6em;box-sizing:border-box;margin-bottom:.5em}")
            .Append(".star{font-size:1.8em}.sealid{color:#c8102e;font-size:.8em}.note{color:#666;font-size:.8em}")
            .Append("</style></head><body>\n");
        var numbered = false;
        var list = false;
        foreach (var block in blocks)
        {
            if (!numbered && block.Kind is not (DocumentBlockKind.Title or DocumentBlockKind.Subtitle))
            {
                html.Append("<p class=\"no\">文书编号 No. ").Append(E(stamp.Number)).Append("</p>\n");
                numbered = true;
            }
            if (block.Kind != DocumentBlockKind.Item && list)
            {
                html.Append("</ul>\n");
                list = false;
            }
            switch (block.Kind)
            {
                case DocumentBlockKind.Title:
                    html.Append("<h1>").Append(E(block.Text)).Append("</h1>\n");
                    break;
                case DocumentBlockKind.Subtitle:
                    html.Append("<p class=\"sub\">").Append(E(block.Text)).Append("</p>\n");
                    break;
                case DocumentBlockKind.Item:
                    if (!list) html.Append("<ul>\n");
                    list = true;
                    html.Append("<li>").Append(E(block.Text)).Append("</li>\n");
                    break;
                case DocumentBlockKind.Gap:
                    break;
                default:
                    html.Append("<p>").Append(E(block.Text)).Append("</p>\n");
                    break;
            }
        }
        if (list) html.Append("</ul>\n");
        html.Append("<div class=\"sign\"><div class=\"seal\">电子印章<br><span class=\"star\">★</span><br>E-SEAL</div>")
            .Append("<p>").Append(E(stamp.DepartmentName)).Append("<br>").Append(E(stamp.IssueDate)).Append("</p>")
            .Append("<p class=\"sealid\">印章编号 Seal ID: ").Append(E(stamp.SealId)).Append("</p>")
            .Append("<p class=\"note\">本文书经电子印章签章（SM2/SM3），可在系统中验证。Sealed electronically; verify it in the system.</p></div>\n")
            .Append("</body></html>\n");
        return Encoding.UTF8.GetBytes(html.ToString());
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
