using Microsoft.Data.Sqlite;

namespace CloudApproval.Cases.Tests.Support;

/// <summary>
/// A fresh folder per test for the SQLite files (and the blobs, keys and checkpoint files beside them); deleted afterwards.
/// On PostgreSQL the folder also owns a database of its own, created on first use and dropped with the folder.
/// </summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ca-cases-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    private string? _serverDatabase;

    /// <summary>PostgreSQL runs: this folder's database (its connection string), the same for every host started on it.</summary>
    public string ServerDatabase => _serverDatabase ??= TestDatabases.Create();

    /// <summary>The database tests reach into behind the application (<see cref="RawSql"/>): the SQLite file, or this folder's PostgreSQL database.</summary>
    public string Database => TestDatabases.OnPostgreSql ? ServerDatabase : File("cases.db");

    public void Dispose()
    {
        // Pooled connections keep the files open (and a WAL file beside them); release them before deleting.
        SqliteConnection.ClearAllPools();
        if (_serverDatabase is not null) TestDatabases.Drop(_serverDatabase);
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
