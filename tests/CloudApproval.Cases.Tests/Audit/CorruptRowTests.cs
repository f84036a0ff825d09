using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Audit;

/// <summary>
/// Rows that are not the JSON the application wrote (an audit detail, a case's state) are findings naming the case and
/// the row, for <c>audit check</c>, <c>cases show</c> and every operation on the case: never a stack trace.
/// </summary>
public sealed class CorruptRowTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private string _caseId = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder);
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"));
        _caseId = await _host.StartDeficiencyAsync();
        await _host.Tasks.ClaimAsync((await _host.OpenTaskAsync(_caseId, "pre-review")).Id, Actor.Operator("clerk-li"));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private long CorruptDetail(long sequence)
    {
        RawSql.Execute(_host.Database, "UPDATE AuditEntries SET Detail = '{\"stimulus\": {' WHERE CaseId = $c AND Sequence = $s", ("$c", _caseId), ("$s", sequence));
        return Convert.ToInt64(RawSql.Scalar(_host.Database, "SELECT Id FROM AuditEntries WHERE CaseId = $c AND Sequence = $s", ("$c", _caseId), ("$s", sequence)));
    }

    private void CorruptState() =>
        RawSql.Execute(_host.Database, "UPDATE Cases SET StateJson = substr(StateJson, 1, 40) WHERE Id = $c", ("$c", _caseId));

    private Task<CliResult> CliAsync(params string[] args) =>
        CliProcess.RunAsync(_folder.Path, [.. args, "--db", _host.Database, "--workflows", Repo.Workflows]);

    [Test]
    public async Task Check_ReportsAnAuditDetailThatIsNotJson_AsAFinding()
    {
        var row = CorruptDetail(1);

        var problems = await _host.Get<ConsistencyCheck>().RunAsync(Actor.Operator("auditor"));

        Assert.That(problems, Is.EqualTo(new[] { $"{_caseId}: audit entry 1 (row #{row}, case-started): its detail is not valid JSON" }));
    }

    [Test]
    public async Task Check_ReportsAStateThatIsNotJson_AsAFinding()
    {
        CorruptState();

        var problems = await _host.Get<ConsistencyCheck>().RunAsync(Actor.Operator("auditor"));

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.StartWith($"{_caseId}: the case row's state (StateJson) is not valid engine state JSON"));
    }

    [Test]
    public async Task History_ShowsTheFindingInPlaceOfTheJournal()
    {
        var row = CorruptDetail(2);

        var file = await _host.Get<CaseHistory>().GetAsync(_caseId, Actor.Operator("auditor"));

        Assert.That(file.Timeline.Single(e => e.CaseId == _caseId && e.Sequence == 2).Journal, Is.EqualTo(new[]
        {
            $"FINDING: case {_caseId}, audit entry 2 (row #{row}): its detail is not a JSON object; run audit verify {_caseId}",
        }));
    }

    [Test]
    public async Task AnOperation_IsRefused_WhenTheStateIsNotJson()
    {
        CorruptState();
        var task = await _host.OpenTaskAsync(_caseId, "pre-review");

        var error = await Expect.RefusedAsync(() => _host.Tasks.CompleteAsync(task.Id, "accept", null, Actor.Operator("clerk-li")));

        Assert.That(error.Code, Is.EqualTo("corrupt-state"));
        Assert.That(error.Message, Does.Contain(_caseId));
    }

    [Test]
    public async Task Cli_AuditCheckAndCasesShow_ReportTheCorruptRowsWithoutAStackTrace()
    {
        CorruptDetail(1);
        CorruptState();

        var check = await CliAsync("audit", "check");
        var show = await CliAsync("cases", "show", _caseId);

        Assert.That(check.ExitCode, Is.EqualTo(1), check.ToString());
        Assert.That(check.Out, Does.Contain($"{_caseId}: audit entry 1").And.Contain($"{_caseId}: the case row's state (StateJson) is not valid"));
        Assert.That(show.ExitCode, Is.EqualTo(0), show.ToString());
        Assert.That(show.Out, Does.Contain($"FINDING: case {_caseId}, audit entry 1"));
        Assert.That(check.Error + show.Error + check.Out + show.Out, Does.Not.Contain("   at "), "no stack trace");
    }
}
