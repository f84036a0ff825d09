using Microsoft.Data.Sqlite;

namespace CloudApproval.Cases.Tests.Support;

/// <summary>A fresh folder per test for the SQLite files; deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ca-cases-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        // Pooled connections keep the files open (and a WAL file beside them); release them before deleting.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A Hangfire worker still closing its connection: the OS temp cleaner gets the rest.
        }
    }
}
