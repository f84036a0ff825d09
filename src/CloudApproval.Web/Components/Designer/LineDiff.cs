namespace CloudApproval.Web.Components.Designer;

/// <summary>A line diff of two canonical texts (longest common subsequence), as git shows it, with unchanged runs folded.</summary>
public static class LineDiff
{
    /// <summary>One line of the diff: ' ' unchanged, '-' only in the old text, '+' only in the new, '…' lines folded away.</summary>
    public sealed record Line(char Kind, string Text);

    public static IReadOnlyList<Line> Of(string before, string after, int context = 3)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = before.Split('\n');
        var b = after.Split('\n');
        // The common head and tail are most of a definition's text: the quadratic table covers only what lies between.
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head]) head++;
        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)]) tail++;
        var n = a.Length - head - tail;
        var m = b.Length - head - tail;
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
            for (var j = m - 1; j >= 0; j--)
                lcs[i, j] = a[head + i] == b[head + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var lines = new List<Line>();
        lines.AddRange(a.Take(head).Select(t => new Line(' ', t)));
        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[head + x] == b[head + y]) { lines.Add(new(' ', a[head + x])); x++; y++; }
            else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1])) lines.Add(new('-', a[head + x++]));
            else lines.Add(new('+', b[head + y++]));
        }
        lines.AddRange(a.Skip(a.Length - tail).Select(t => new Line(' ', t)));
        return Fold(lines, context);
    }

    private static List<Line> Fold(List<Line> lines, int context)
    {
        var keep = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
            if (lines[i].Kind != ' ')
                for (var k = Math.Max(0, i - context); k <= Math.Min(lines.Count - 1, i + context); k++) keep[k] = true;
        var folded = new List<Line>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (keep[i]) folded.Add(lines[i]);
            else if (folded.Count == 0 || folded[^1].Kind != '…') folded.Add(new('…', ""));
        }
        return folded;
    }
}
