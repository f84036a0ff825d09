using System.Diagnostics;
using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CloudApproval.Cases.Tests.Hardening;

/// <summary>
/// A database path that is not a usable SQLite file is refused at start with one message naming it, before SQLite
/// (or Hangfire beside it) creates or changes anything: every host gets this, not only the CLI.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class DatabaseFileTests
{
    private static async Task<CasesException> RefusedAsync(string path, bool mustExist)
    {
        await using var services = new ServiceCollection()
            .AddCloudApprovalCases(new CasesSettings
            {
                Database = new DatabaseOptions { SqlitePath = path, MustExist = mustExist },
                WorkflowsFolder = Repo.Workflows,
            })
            .BuildServiceProvider();
        return await Expect.RefusedAsync(() => services.InitializeCasesAsync());
    }

    private static string[] Listing(string folder) => Directory.GetFileSystemEntries(folder).Order(StringComparer.Ordinal).ToArray();

    [TestCase("text", "not a SQLite database")]
    [TestCase("folder", "a folder, not a database file")]
    [TestCase("empty", "empty, or not a regular file")]
    [TestCase("fifo", "empty, or not a regular file")]
    public async Task Initialize_RefusesAPathThatIsNotADatabase_NamingIt(string kind, string problem)
    {
        using var folder = new TempFolder();
        var path = folder.File("cases.db");
        switch (kind)
        {
            case "text": await File.WriteAllTextAsync(path, "hello, not a database"); break;
            case "folder": Directory.CreateDirectory(path); break;
            case "empty": await File.WriteAllBytesAsync(path, []); break;
            case "fifo": Run("mkfifo", path); break;
        }
        var before = Listing(folder.Path);
        var content = kind == "text" ? await File.ReadAllTextAsync(path) : null;

        foreach (var mustExist in new[] { false, true })
        {
            var error = await RefusedAsync(path, mustExist);
            Assert.That(error.Message, Does.StartWith($"database {path}: ").And.Contain(problem));
            Assert.That(error.Code, Is.EqualTo("database-unusable"));
        }
        Assert.That(Listing(folder.Path), Is.EqualTo(before), "no file created beside it (no WAL, no Hangfire database)");
        if (content is not null) Assert.That(await File.ReadAllTextAsync(path), Is.EqualTo(content));
    }

    [Test]
    public async Task Initialize_RefusesTheNullDevice_WithoutCreatingAHangfireFileBesideIt()
    {
        var error = await RefusedAsync("/dev/null", mustExist: true);

        Assert.That(error.Message, Does.StartWith("database /dev/null: empty, or not a regular file"));
        Assert.That(File.Exists("/dev/null-hangfire.db"), Is.False);
    }

    [Test]
    public async Task Initialize_RefusesAMissingDatabase_WhenItMustExist_CreatingNeitherFileNorFolder()
    {
        using var folder = new TempFolder();
        var path = folder.File("elsewhere/cases.db");

        var error = await RefusedAsync(path, mustExist: true);

        Assert.That((error.Code, error.Message), Is.EqualTo(("no-database", $"no database at {path}")));
        Assert.That(Directory.Exists(folder.File("elsewhere")), Is.False);
    }

    [Test]
    public async Task Initialize_RefusesAReadOnlyDatabase_NamingIt()
    {
        using var folder = new TempFolder();
        await using (var host = await CasesHost.StartAsync(folder)) await host.ImportAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var path = folder.File("cases.db");
        // Root ignores file modes; the immutable attribute holds even for root.
        if (!TryRun("chattr", "+i", path)) Assert.Ignore("chattr +i is not available here");
        try
        {
            var error = await RefusedAsync(path, mustExist: true);

            Assert.That(error.Message, Is.EqualTo($"database {path}: read-only; the database must be writable"));
        }
        finally
        {
            TryRun("chattr", "-i", path);
        }
    }

    private static void Run(string command, params string[] args) => Assert.That(TryRun(command, args), $"{command} {string.Join(' ', args)}");

    private static bool TryRun(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            process.WaitForExit(10_000);
            return process.HasExited && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
