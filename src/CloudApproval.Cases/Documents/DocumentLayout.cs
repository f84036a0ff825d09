namespace CloudApproval.Cases.Documents;

/// <summary>What a document says besides its template's text: who issues it, its number, when, and under which seal.</summary>
/// <param name="Number">The document's number (文书编号).</param>
/// <param name="DepartmentName">The issuing organ, as it signs.</param>
/// <param name="SealId">The id of the department's e-seal that seals the document.</param>
/// <param name="IssueDate">The issue date in China, as printed (2026年3月2日).</param>
public sealed record DocumentStamp(string Number, string DepartmentName, string SealId, string IssueDate);

/// <summary>One block of a document's text.</summary>
public sealed record DocumentBlock(DocumentBlockKind Kind, string Text);

public enum DocumentBlockKind
{
    Title,
    Subtitle,
    Item,
    Paragraph,
    Gap,
}

/// <summary>
/// The layout both forms share: a template's text read into blocks (<c># title</c>, <c>## subtitle</c>, <c>- item</c>,
/// paragraphs, blank lines as gaps), then the number under the title and, at the end, the department, the date and the
/// seal block.
/// </summary>
public static class DocumentLayout
{
    public static IReadOnlyList<DocumentBlock> Blocks(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var blocks = new List<DocumentBlock>();
        foreach (var raw in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0)
            {
                // Liquid tags leave blank lines behind: one gap, never a run of them, never at the top.
                if (blocks.Count > 0 && blocks[^1].Kind != DocumentBlockKind.Gap) blocks.Add(new(DocumentBlockKind.Gap, ""));
            }
            else if (trimmed.StartsWith("## ", StringComparison.Ordinal)) blocks.Add(new(DocumentBlockKind.Subtitle, trimmed[3..].Trim()));
            else if (trimmed.StartsWith("# ", StringComparison.Ordinal)) blocks.Add(new(DocumentBlockKind.Title, trimmed[2..].Trim()));
            else if (trimmed.StartsWith("- ", StringComparison.Ordinal)) blocks.Add(new(DocumentBlockKind.Item, trimmed[2..].Trim()));
            else blocks.Add(new(DocumentBlockKind.Paragraph, line));
        }
        while (blocks.Count > 0 && blocks[^1].Kind == DocumentBlockKind.Gap) blocks.RemoveAt(blocks.Count - 1);
        return blocks;
    }
}
