using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Audit;

/// <summary>The audit commands as an operator runs them: <c>audit checkpoint</c>, then <c>audit verify</c> after tampering.</summary>
public sealed class AuditCliTests
{
    private TempFolder _folder = null!;
    private string _caseId = null!;

    private string Database => _folder.File("cases.db");

    private string KeyPath => _folder.File("outside/audit-sm2.key");

    [SetUp]
    public async Task SetUp()
    {
        TestDatabases.RequireSqlite("the command line works on a SQLite file");
        _folder = new TempFolder();
        await using var host = await CasesHost.StartAsync(_folder);
        await host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"));
        _caseId = await host.StartDeficiencyAsync();
        await host.StartDeficiencyAsync();
    }

    [TearDown]
    public void TearDown() => _folder?.Dispose();

    private Task<CliResult> CliAsync(params string[] args) =>
        CliProcess.RunAsync(_folder.Path, [.. args, "--db", Database, "--workflows", Repo.Workflows, "--audit-key", KeyPath]);

    [Test]
    public async Task Checkpoint_CreatesItsKeyWithAMessage_AndVerifyCatchesACaseDeletedAfterIt()
    {
        var first = await CliAsync("audit", "checkpoint");
        var second = await CliAsync("audit", "checkpoint");
        var clean = await CliAsync("audit", "verify", "--all");
        foreach (var table in new[] { "AuditEntries", "Tasks", "Timers", "Notices", "Licences" })
            RawSql.Execute(Database, $"DELETE FROM {table} WHERE CaseId = $c", ("$c", _caseId));
        RawSql.Execute(Database, "DELETE FROM Cases WHERE Id = $c", ("$c", _caseId));
        var tampered = await CliAsync("audit", "verify", "--all");

        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        Assert.That(first.Out, Does.Contain($"created a new SM2 signing key at {KeyPath}").And.Contain("checkpoint 1: 2 cases, 1 definitions"));
        Assert.That(second.Out, Does.Not.Contain("created").And.Contain("checkpoint 2: 2 cases"));
        Assert.That(clean.ExitCode, Is.EqualTo(0), clean.ToString());
        Assert.That(clean.Out, Does.Contain("checked against checkpoint 2").And.Contain("2 intact, 0 broken, 0 other finding(s)"));
        Assert.That(tampered.ExitCode, Is.EqualTo(1), tampered.ToString());
        Assert.That(tampered.Out, Does.Contain($"BROKEN  case {_caseId} was deleted since checkpoint 2").And.Contain("1 intact, 0 broken, 1 other finding(s)"));
    }

    [Test]
    public async Task Verify_NamesTheEditedRow_AndExitsOne()
    {
        RawSql.Execute(Database, "UPDATE Cases SET Status = 'Completed' WHERE Id = $c", ("$c", _caseId));

        var result = await CliAsync("audit", "verify", _caseId);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Out, Does.Contain($"BROKEN  {_caseId} at entry 1: the case's rows differ from what entry 1 committed to: the case row (state, status, outcome) was changed"));
        Assert.That(result.Out, Does.Contain("no checkpoint yet"));
    }
}
