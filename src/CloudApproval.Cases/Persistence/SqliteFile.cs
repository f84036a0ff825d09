using Microsoft.Data.Sqlite;

namespace CloudApproval.Cases.Persistence;

/// <summary>
/// Checks a SQLite database path before anything opens it. Left to itself SQLite answers a folder, a device, a text
/// file or a read-only file with an exception deep inside a migration, and turns an empty file (or a new path) into a
/// database even for a command that only reads. Every refusal names the file and what is wrong, and creates nothing.
/// </summary>
internal static class SqliteFile
{
    private static readonly byte[] Header = "SQLite format 3\0"u8.ToArray();

    /// <summary>Refuses a path that is not a usable database; a missing one only when <paramref name="mustExist"/>.</summary>
    public static void Check(string path, bool mustExist)
    {
        if (Directory.Exists(path)) throw Unusable(path, "a folder, not a database file");
        var info = new FileInfo(path);
        try
        {
            if (info.LinkTarget is not null) info = info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
        }
        catch (IOException)
        {
            throw Unusable(path, "a link that loops");
        }
        if (!info.Exists)
        {
            if (mustExist) throw new CasesException("no-database", $"no database at {path}");
            return;
        }
        // Devices and pipes report no size, and opening a pipe blocks: refused without opening.
        if (info.Length == 0) throw Unusable(path, "empty, or not a regular file (a device or a pipe); not a SQLite database");
        var start = new byte[Header.Length];
        try
        {
            using var stream = new FileStream(info.FullName, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }
        catch (UnauthorizedAccessException)
        {
            throw Unusable(path, "read-only; the database must be writable");
        }
        catch (IOException ex)
        {
            throw Unusable(path, ex.Message);
        }
        if (!start.AsSpan().SequenceEqual(Header)) throw Unusable(path, "not a SQLite database (it does not start with the SQLite header)");
    }

    /// <summary>What SQLite said about a file that passed the checks above, with the file's name.</summary>
    public static CasesException Unusable(string path, SqliteException ex) => Unusable(path, ex.Message);

    private static CasesException Unusable(string path, string what) => new("database-unusable", $"database {path}: {what}");
}
