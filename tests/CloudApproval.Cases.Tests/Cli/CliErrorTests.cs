using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Cli;

/// <summary>
/// Bad input to every durable CLI command: a clear one-line error naming what is wrong, the CLI's exit code (2 for a
/// refused command or a command line it cannot parse), and the database exactly as it was.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class CliErrorTests
{
    private const string UnknownCase = "CA-20260302-NOSUCHID";

    private static TempFolder s_template = null!;
    private static string s_caseId = null!;
    private static long s_openTask;
    private static long s_claimedTask;

    /// <summary>A database with the seeds published, a case with an open pre-review, and a case whose pre-review clerk-li holds.</summary>
    [OneTimeSetUp]
    public static async Task BuildTemplate()
    {
        TestDatabases.RequireSqlite("the command line works on a SQLite file");
        s_template = new TempFolder();
        await using (var host = await CasesHost.StartAsync(s_template))
        {
            await host.ImportAsync();
            s_caseId = await host.StartDeficiencyAsync();
            s_openTask = (await host.OpenTaskAsync(s_caseId, "pre-review")).Id;
            var other = await host.StartDeficiencyAsync();
            s_claimedTask = (await host.OpenTaskAsync(other, "pre-review")).Id;
            await host.Tasks.ClaimAsync(s_claimedTask, Actor.Operator("clerk-li"));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [OneTimeTearDown]
    public static void DeleteTemplate() => s_template?.Dispose();

    /// <summary>A copy of the template database in a folder of its own, so tests can run side by side.</summary>
    private sealed class Workspace : IDisposable
    {
        private readonly TempFolder _folder = new();

        public Workspace()
        {
            foreach (var file in Directory.GetFiles(s_template.Path, "cases*"))
                System.IO.File.Copy(file, _folder.File(Path.GetFileName(file)));
        }

        public string Folder => _folder.Path;

        public string Database => _folder.File("cases.db");

        public string File(string name) => _folder.File(name);

        public string Substitute(string arg) => arg
            .Replace("{case}", s_caseId, StringComparison.Ordinal)
            .Replace("{task}", s_openTask.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{claimed}", s_claimedTask.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{folder}", Folder, StringComparison.Ordinal);

        /// <summary>Runs the CLI on this workspace's database and the repository's workflows folder unless the arguments name others.</summary>
        public Task<CliResult> RunAsync(params string[] args)
        {
            var full = args.Select(Substitute).ToList();
            // calendar opens no database (and has no --db option).
            if (!full.Contains("--db") && full[0] != "calendar") full.AddRange(["--db", Database]);
            if (!full.Contains("--workflows")) full.AddRange(["--workflows", Repo.Workflows]);
            return CliProcess.RunAsync(Folder, full);
        }

        public string[] Files() => Directory.GetFiles(Folder).Select(Path.GetFileName)
            .Where(f => !f!.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal)).Order().ToArray()!;

        public void Dispose() => _folder.Dispose();
    }

    private static IEnumerable<TestCaseData> BadInput()
    {
        TestCaseData Case(string what, int exit, string message, params string[] args) =>
            new TestCaseData(args, exit, message).SetArgDisplayNames(what);

        // Refused before the database is opened: cheap.
        yield return Case("cases start: malformed --input", 2, "--input: $.department: malformed JSON", "cases", "start", "deficiency-pending", "--input", "{\"department\":");
        yield return Case("cases start: --input not an object", 2, "--input: expected a JSON object", "cases", "start", "deficiency-pending", "--input", "\"market\"");
        yield return Case("events send: malformed --payload", 2, "--payload: $: malformed JSON", "events", "send", "{case}", "materials-supplemented", "--payload", "{oops");
        yield return Case("tasks claim: task id not a number", 2, "'abc'", "tasks", "claim", "abc");
        yield return Case("tasks complete: malformed --data", 2, "--data: $.missingMaterials: malformed JSON", "tasks", "complete", "{task}", "--outcome", "accept", "--data", "{\"missingMaterials\":");
        yield return Case("tasks complete: --data not an object", 2, "--data: expected a JSON object", "tasks", "complete", "{task}", "--outcome", "accept", "--data", "[1,2]");
        yield return Case("tasks complete: no --outcome", 2, "--outcome", "tasks", "complete", "{task}");

        // Not strict JSON: refused with the path before anything is opened.
        yield return Case("tasks complete: duplicate key in --data", 2, "--data: $.a: duplicate key 'a'", "tasks", "complete", "{task}", "--outcome", "accept", "--data", "{\"a\":1,\"a\":2}");
        yield return Case("cases start: duplicate key in --input", 2, "--input: $.department: duplicate key 'department'", "cases", "start", "deficiency-pending", "--input", "{\"department\":\"a\",\"department\":\"b\"}");
        yield return Case("events send: duplicate key in --payload", 2, "--payload: $.m.x: duplicate key 'x'", "events", "send", "{case}", "materials-supplemented", "--payload", "{\"m\":{\"x\":1,\"x\":1}}");
        yield return Case("tasks complete: number out of range in --data", 2, "--data: $.n: the number 1e400 is out of range", "tasks", "complete", "{task}", "--outcome", "accept", "--data", "{\"n\":1e400}");
        yield return Case("cases start: lone surrogate in --input", 2, "--input: $.who: the string contains a lone UTF-16 surrogate", "cases", "start", "deficiency-pending", "--input", "{\"who\":\"\\ud800\"}");
        yield return Case("events send: lone surrogate in a --payload key", 2, "--payload: $: the key contains a lone UTF-16 surrogate", "events", "send", "{case}", "materials-supplemented", "--payload", "{\"\\udc00\":1}");

        // Command lines that do not parse: one line and a hint, not the help text.
        yield return Case("unknown command", 2, "'frobnicate'", "frobnicate");
        yield return Case("tasks complete: task id not a number", 2, "'abc'", "tasks", "complete", "abc", "--outcome", "accept");
        yield return Case("cases list: --limit 0", 2, "--limit must be between 1 and 500 (see: cloudapproval cases list --help)", "cases", "list", "--limit", "0");
        yield return Case("cases start: --version beyond int", 2, "'2147483648'", "cases", "start", "deficiency-pending", "--version", "2147483648");
        yield return Case("timers run: negative --seconds", 2, "--seconds must be between 0 and", "timers", "run", "--seconds", "-5");

        // The calendar's twenty-year range and the ends of the calendar.
        yield return Case("calendar add: huge count", 2, "99999999 working days from 2026-01-05: out of range", "calendar", "add", "2026-01-05", "99999999");
        yield return Case("calendar add: huge negative count", 2, "-99999999 working days from 2026-01-05: out of range", "calendar", "add", "2026-01-05", "-99999999");
        yield return Case("calendar add: near year 9999", 2, "5 working days from 9999-12-30: out of range", "calendar", "add", "9999-12-30", "5");
        yield return Case("calendar add: near year 1", 2, "-5 working days from 0001-01-02: out of range", "calendar", "add", "0001-01-02", "-5");
        yield return Case("calendar between: years 1 to 9999", 2, "working days from 0001-01-01 to 9999-12-31: out of range", "calendar", "between", "0001-01-01", "9999-12-31");
        yield return Case("audit verify: neither case nor --all", 2, "give a case id or --all", "audit", "verify");
        yield return Case("audit verify: both case and --all", 2, "give a case id or --all", "audit", "verify", "{case}", "--all");
        yield return Case("--workflows: missing folder", 2, "workflows folder not found", "cases", "list", "--workflows", "{folder}/no-workflows");

        // Refused by the store: each opens the database (about two seconds of CPU to start), so one or two per command;
        // the in-process tests cover every refusal code.
        yield return Case("cases start: unknown procedure", 2, "no procedure 'no-such-procedure'", "cases", "start", "no-such-procedure");
        yield return Case("cases show: unknown case", 2, $"no case {UnknownCase}", "cases", "show", UnknownCase);
        yield return Case("events send: event nobody waits for", 2, "hearing-requested", "events", "send", "{case}", "hearing-requested");
        yield return Case("tasks claim: unknown task", 2, "no task 987654", "tasks", "claim", "987654");
        yield return Case("tasks release: not the holder", 2, "only they or the head of market-supervision can release it", "tasks", "release", "{claimed}",
            "--as", "clerk-zhang", "--role", "Clerk", "--department", "market-supervision");
        yield return Case("tasks assign: blank assignee", 2, "assignee is required", "tasks", "assign", "{task}", "--to", " ");
        yield return Case("tasks claim: empty --as", 2, "actor is required", "tasks", "claim", "{task}", "--as", "");
        yield return Case("tasks complete: unknown outcome", 2, "not 'approve'", "tasks", "complete", "{task}", "--outcome", "approve");
        yield return Case("tasks complete: invalid form data", 2, "missingMaterials", "tasks", "complete", "{task}", "--outcome", "accept", "--data", "{\"missingMaterials\":5}");
        yield return Case("tasks list: cursor not given out", 2, "'nonsense' is not a page cursor", "tasks", "list", "--after", "nonsense");
        yield return Case("workflows publish: unknown version", 2, "no deficiency-pending v9 in the store", "workflows", "publish", "deficiency-pending", "9");
        yield return Case("workflows export: unknown version", 2, "no deficiency-pending v9 in the store", "workflows", "export", "deficiency-pending", "9");
    }

    [TestCaseSource(nameof(BadInput))]
    public async Task BadInput_GivesAClearError_AndChangesNothing(string[] args, int exitCode, string message)
    {
        using var workspace = new Workspace();
        var before = RawSql.Dump(workspace.Database);
        var files = workspace.Files();

        var result = await workspace.RunAsync(args);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
            Assert.That(result.Error, Does.Contain(workspace.Substitute(message)), result.ToString());
            Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), "one line");
            Assert.That(result.Error, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(result.Out, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(RawSql.Dump(workspace.Database), Is.EqualTo(before), "the database is unchanged");
            Assert.That(workspace.Files(), Is.EqualTo(files), "no file created");
        }
    }

    [Test]
    public async Task Import_OfAFolderWithABrokenDefinition_ImportsNothing()
    {
        using var workspace = new Workspace();
        var workflows = workspace.File("incoming");
        Procedures.Write(workflows, Procedures.ParallelCheck());
        var broken = Procedures.DeficiencyV2();
        broken["connections"]!.AsArray().Add(new JsonObject { ["source"] = "review", ["outcome"] = "approve", ["target"] = "nowhere" });
        var file = Procedures.Write(workflows, broken);
        var before = RawSql.Dump(workspace.Database);

        var result = await workspace.RunAsync("workflows", "import", workflows, "--publish");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain(file).And.Contain("nowhere"));
        Assert.That(RawSql.Dump(workspace.Database), Is.EqualTo(before), "the valid parallel-check is not imported either");
    }

    private static IEnumerable<TestCaseData> CommandsOnAMissingDatabase() => new[]
    {
        new[] { "cases", "list" },
        ["cases", "show", UnknownCase],
        ["cases", "start", "deficiency-pending"],
        ["events", "send", UnknownCase, "materials-supplemented"],
        ["tasks", "list"],
        ["tasks", "claim", "1"],
        ["tasks", "complete", "1", "--outcome", "accept"],
        ["workflows", "list"],
        ["workflows", "publish", "deficiency-pending", "1"],
        ["workflows", "retire", "deficiency-pending", "1"],
        ["workflows", "export", "deficiency-pending", "1"],
        ["audit", "verify", "--all"],
        ["timers", "run", "--seconds", "1"],
    }.Select(args => new TestCaseData((object)args).SetArgDisplayNames(string.Join(' ', args)));

    [TestCaseSource(nameof(CommandsOnAMissingDatabase))]
    public async Task Command_RefusesAMissingDatabase_WithoutCreatingIt(string[] args)
    {
        using var workspace = new Workspace();
        var missing = workspace.File("elsewhere/missing.db");

        var result = await workspace.RunAsync([.. args, "--db", missing]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain($"no database at {missing}"));
        Assert.That(Directory.Exists(Path.GetDirectoryName(missing)), Is.False, "neither the file nor its folder is created");
    }

    [Test]
    public async Task GoodInput_ChangesTheDatabase_SoTheUnchangedChecksCanFail()
    {
        using var workspace = new Workspace();
        var before = RawSql.Dump(workspace.Database);

        var result = await workspace.RunAsync("tasks", "claim", "{task}", "--as", "clerk-wang");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain($"task {s_openTask} claimed by clerk-wang"));
        Assert.That(RawSql.Dump(workspace.Database), Is.Not.EqualTo(before));
    }

    [Test]
    public async Task AuditVerify_ExitsWithOne_AndNamesTheBrokenLink_WhenAnEntryWasEdited()
    {
        using var workspace = new Workspace();
        RawSql.Execute(workspace.Database, "UPDATE AuditEntries SET Actor = 'someone-else' WHERE CaseId = $case AND Sequence = 1", ("$case", s_caseId));

        var result = await workspace.RunAsync("audit", "verify", "--all");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Out, Does.Contain($"BROKEN  {s_caseId} at entry 1"));
        Assert.That(result.Out, Does.Match(@"ok      CA-\d{8}-\w{8} \(\d entries\)"), "the other case is intact");
        Assert.That(result.Out, Does.Contain("1 intact, 1 broken"));
    }

    [Test]
    public async Task WorkflowsExport_WritesTheFileByteForByte()
    {
        using var workspace = new Workspace();
        var output = workspace.File("exported.json");

        var result = await workspace.RunAsync("workflows", "export", "deficiency-pending", "1", "--out", output);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(SHA256.HashData(await File.ReadAllBytesAsync(output)), Is.EqualTo(SHA256.HashData(await File.ReadAllBytesAsync(Repo.ProcedureFile("deficiency-pending", 1)))));
    }
}
