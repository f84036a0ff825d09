using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Tests.Hardening;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Cli;

/// <summary>
/// The CLI on hostile input that used to give a stack trace, a hang or a silent success: unusable database files, a
/// faulted transition, racing imports, and folders holding pipes, devices and link loops.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class CliHardeningTests
{
    private static Task<CliResult> Cli(string folder, params string[] args) => CliProcess.RunAsync(folder, [.. args, "--workflows", Repo.Workflows]);

    private static void NoStackTrace(CliResult result)
    {
        Assert.That(result.Error, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(result.Out, Does.Not.Contain("   at "), "no stack trace");
    }

    private static string[] Listing(string folder) => Directory.GetFileSystemEntries(folder).Order(StringComparer.Ordinal).ToArray();

    [TestCase("text", "not a SQLite database")]
    [TestCase("folder", "a folder, not a database file")]
    [TestCase("empty", "empty, or not a regular file")]
    [TestCase("null", "empty, or not a regular file")]
    public async Task Command_RefusesADatabaseFileItCannotUse_InOneLine(string kind, string problem)
    {
        using var folder = new TempFolder();
        var db = kind == "null" ? "/dev/null" : folder.File("cases.db");
        switch (kind)
        {
            case "text": await File.WriteAllTextAsync(db, "not a database"); break;
            case "folder": Directory.CreateDirectory(db); break;
            case "empty": await File.WriteAllBytesAsync(db, []); break;
        }
        var before = Listing(folder.Path);

        // A read command and the one command that may create a database.
        foreach (var args in new[] { new[] { "cases", "list" }, ["workflows", "import", Repo.Workflows] })
        {
            var result = await Cli(folder.Path, [.. args, "--db", db]);

            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), result.ToString());
            Assert.That(result.Error, Does.StartWith($"error: database {db}: ").And.Contain(problem));
            NoStackTrace(result);
        }
        Assert.That(Listing(folder.Path), Is.EqualTo(before), "nothing created");
        Assert.That(File.Exists("/dev/null-hangfire.db"), Is.False);
    }

    [Test]
    public async Task FaultedTransitions_AreReported_WithExitCodeThree()
    {
        using var folder = new TempFolder();
        string running, waiting;
        long task;
        await using (var host = await CasesHost.StartAsync(folder))
        {
            var workflows = folder.File("workflows");
            Procedures.Write(workflows, FaultingProcedure.Definition());
            await host.ImportAsync(workflows);
            running = (await host.Runtime.StartAsync(FaultingProcedure.Id, null, new JsonObject { ["kind"] = "k" }, Actor.Operator("applicant-chen"))).CaseId;
            waiting = (await host.Runtime.StartAsync(FaultingProcedure.Id, null, new JsonObject { ["kind"] = "k" }, Actor.Operator("applicant-chen"))).CaseId;
            task = (await host.OpenTaskAsync(running, "check")).Id;
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var db = folder.File("cases.db");

        var start = await Cli(folder.Path, "cases", "start", FaultingProcedure.Id, "--db", db);
        var complete = await Cli(folder.Path, "tasks", "complete", task.ToString(CultureInfo.InvariantCulture), "--outcome", "ok", "--db", db);
        var poke = await Cli(folder.Path, "events", "send", waiting, "poke", "--db", db);

        Assert.That(start.ExitCode, Is.EqualTo(3), start.ToString());
        var started = start.Out.Trim();
        Assert.That(started, Does.Match(@"^CA-\d{8}-\w{8}$"), "the new case's id is still printed");
        Assert.That(start.Error, Does.StartWith($"error: case {started} faulted at activity 'first': "));
        Assert.That(complete.ExitCode, Is.EqualTo(3), complete.ToString());
        Assert.That(complete.Error, Does.StartWith($"error: case {running} faulted at activity 'second': "));
        Assert.That(poke.ExitCode, Is.EqualTo(3), poke.ToString());
        Assert.That(poke.Error, Does.StartWith($"error: case {waiting} faulted at activity 'third': "));
        foreach (var r in new[] { start, complete, poke }) NoStackTrace(r);
    }

    [Test]
    public async Task ThreeRacingImports_OnAFreshDatabase_AllSucceed()
    {
        using var folder = new TempFolder();
        var db = folder.File("cases.db");

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Cli(folder.Path, "workflows", "import", Repo.Workflows, "--publish", "--db", db)));

        foreach (var r in results)
        {
            Assert.That(r.ExitCode, Is.Zero, r.ToString());
            NoStackTrace(r);
        }
        var added = results.SelectMany(r => r.Out.Split('\n')).Count(l => l.StartsWith("added", StringComparison.Ordinal));
        var procedures = Repo.ProcedureFiles().Count();
        Assert.That(added, Is.EqualTo(procedures), "each version added once");
        Assert.That(results.SelectMany(r => r.Out.Split('\n')).Count(l => l.StartsWith("unchanged", StringComparison.Ordinal)), Is.EqualTo(2 * procedures));
        var matters = Directory.GetFiles(Path.Combine(Repo.Workflows, "matters"), "*.json").Length;
        Assert.That(results.SelectMany(r => r.Out.Split('\n')).Count(l => l.StartsWith("matter added", StringComparison.Ordinal)), Is.EqualTo(matters), "each matter added once");
    }

    [Test]
    public async Task Validate_RefusesPipesAndDevices_AndFollowsNoLinkOutOfTheFolderOrIntoALoop()
    {
        using var folder = new TempFolder();
        var workflows = folder.File("workflows");
        var inside = Path.Combine(workflows, "commitment");
        Directory.CreateDirectory(inside);
        var valid = Path.Combine(inside, "v1.json");
        File.Copy(Repo.ProcedureFile("commitment", 1), valid);
        Run("mkfifo", Path.Combine(inside, "fifo.json"));
        File.CreateSymbolicLink(Path.Combine(inside, "zero.json"), "/dev/zero");
        File.CreateSymbolicLink(Path.Combine(inside, "outside.json"), Repo.ProcedureFile("deficiency-pending", 1));
        Directory.CreateSymbolicLink(Path.Combine(inside, "loop"), workflows);

        var clock = Stopwatch.StartNew();
        var zero = Path.Combine(inside, "zero.json");
        var result = await CliProcess.RunAsync(folder.Path, ["validate", workflows, zero]);

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)));
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain($"{Path.Combine(inside, "fifo.json")}: $: empty, or not a regular file"));
        Assert.That(result.Error, Does.Contain($"skipped {zero}: a link out of the folder (to /dev/zero)"), "in a folder");
        Assert.That(result.Error, Does.Contain($"{zero}: $: empty, or not a regular file"), "named on the command line");
        Assert.That(result.Error, Does.Contain($"skipped {Path.Combine(inside, "outside.json")}: a link out of the folder"));
        Assert.That(result.Error, Does.Contain($"skipped {Path.Combine(inside, "loop")}: a link to a folder (not followed)"));
        Assert.That(result.Out, Does.Contain("2 error(s) in 2 of 3 file(s)"), $"{valid} once, the pipe and the device named on the command line refused");
        NoStackTrace(result);
    }

    [Test]
    public async Task Validate_RefusesEachMutantWithFileAndPath_ThroughTheRealCli()
    {
        using var folder = new TempFolder();
        var inside = Directory.CreateDirectory(folder.File("workflows/deficiency-pending")).FullName;
        var text = await File.ReadAllTextAsync(Repo.ProcedureFile("deficiency-pending", 1));
        var mutants = new Dictionary<string, string>
        {
            ["duplicate-key"] = "{\"name\": \"twice\"," + text[1..],
            ["huge-number"] = text.Replace("\"version\": 1", "\"version\": 1e400", StringComparison.Ordinal),
            ["lone-surrogate"] = text.Replace("\"name\": \"", "\"name\": \"\\ud800", StringComparison.Ordinal),
            ["truncated"] = text[..(text.Length / 2)],
            ["wrong-type"] = text.Replace("\"activities\": [", "\"activities\": 5, \"x\": [", StringComparison.Ordinal),
            ["deep"] = "{\"metadata\":" + new string('[', 100) + new string(']', 100) + "," + text[1..],
        };
        foreach (var (name, mutant) in mutants) await File.WriteAllTextAsync(Path.Combine(inside, name + ".json"), mutant);

        var result = await CliProcess.RunAsync(folder.Path, ["validate", folder.File("workflows")]);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        foreach (var name in mutants.Keys) Assert.That(result.Error, Does.Contain($"{Path.Combine(inside, name + ".json")}: $"), name);
        Assert.That(result.Out, Does.Contain($"in {mutants.Count} of {mutants.Count} file(s)"));
        NoStackTrace(result);
    }

    private static void Run(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"{command} {string.Join(' ', args)}");
    }
}
