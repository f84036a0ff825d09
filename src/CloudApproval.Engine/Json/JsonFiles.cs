using System.IO.Enumeration;
using System.Text;

namespace CloudApproval.Engine.Json;

/// <summary>
/// Reads JSON files and lists folders of them without trusting the file system: a file that is a pipe or a device
/// (a FIFO would block forever, <c>/dev/zero</c> never ends), a file larger than <see cref="StrictJson.MaxLength"/>,
/// a link that leaves the folder, or a link to a folder (which can loop) is never read.
/// </summary>
public static class JsonFiles
{
    /// <summary>Reads a regular file as UTF-8 text (a byte-order mark is dropped).</summary>
    /// <exception cref="UnreadableFileException">Missing, a folder, empty or not a regular file, or too large.</exception>
    public static string ReadText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path)) throw new UnreadableFileException(path, "a folder, not a file");
        FileInfo target;
        try
        {
            var info = new FileInfo(path);
            target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
        }
        catch (IOException)
        {
            throw new UnreadableFileException(path, "a link that loops");
        }
        if (!target.Exists) throw new UnreadableFileException(path, "not found");
        // Pipes, devices and /proc files report no size: refused without opening them (opening a pipe blocks).
        if (target.Length == 0) throw new UnreadableFileException(path, "empty, or not a regular file (a pipe or a device)");
        if (target.Length > StrictJson.MaxLength) throw new UnreadableFileException(path, TooLarge(target.Length));

        using var stream = new FileStream(target.FullName, FileMode.Open, FileAccess.Read, FileShare.Read);
        // Bounded even if the file grows while it is read.
        var buffer = new byte[Math.Min(target.Length + 1, StrictJson.MaxLength + 1L)];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0) read += n;
        if (read > StrictJson.MaxLength) throw new UnreadableFileException(path, TooLarge(read));
        var text = new UTF8Encoding(false).GetString(buffer, 0, read);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    /// <summary>
    /// Files named like <paramref name="pattern"/> (e.g. <c>v*.json</c>) in <paramref name="folder"/> and its subfolders down
    /// to <paramref name="depth"/> levels (0: the folder only), in ordinal order. Links to folders are not followed (no
    /// loops); links to files are followed only when they stay inside the folder. What was left out is listed with why.
    /// </summary>
    public static FolderListing List(string folder, string pattern, int depth)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var files = new List<string>();
        var skipped = new List<string>();
        var pending = new Stack<(string Path, int Depth)>();
        pending.Push((folder, 0));
        while (pending.Count > 0)
        {
            var (dir, level) = pending.Pop();
            foreach (var entry in Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal))
            {
                if (Directory.Exists(entry))
                {
                    if (level >= depth) continue;
                    if (new DirectoryInfo(entry).LinkTarget is not null) skipped.Add($"{entry}: a link to a folder (not followed)");
                    else pending.Push((entry, level + 1));
                    continue;
                }
                if (!FileSystemName.MatchesSimpleExpression(pattern, Path.GetFileName(entry))) continue;
                if (LinkProblem(entry, root) is { } problem) skipped.Add($"{entry}: {problem}");
                else files.Add(entry);
            }
        }
        files.Sort(StringComparer.Ordinal);
        return new FolderListing(files, skipped);
    }

    private static string? LinkProblem(string file, string root)
    {
        var info = new FileInfo(file);
        if (info.LinkTarget is null) return null;
        FileSystemInfo? target;
        try
        {
            target = info.ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException)
        {
            return "a link that loops";
        }
        if (target is null || !target.Exists) return "a broken link";
        var full = Path.GetFullPath(target.FullName);
        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? null : $"a link out of the folder (to {full})";
    }

    private static string TooLarge(long bytes) =>
        $"{bytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes or more; at most {StrictJson.MaxLength.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} are read";
}

/// <summary>What <see cref="JsonFiles.List"/> found, and what it left out with the reason (<c>path: why</c>).</summary>
/// <param name="Files">Files to read, in ordinal order.</param>
/// <param name="Skipped">One line per entry left out.</param>
public sealed record FolderListing(IReadOnlyList<string> Files, IReadOnlyList<string> Skipped);

/// <summary>A file that cannot be read as JSON text; the message is <c>path: reason</c>.</summary>
public sealed class UnreadableFileException(string path, string reason) : IOException($"{path}: {reason}")
{
    /// <summary>The file as given.</summary>
    public string FilePath { get; } = path;

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; } = reason;
}
