using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Audit;

/// <summary>
/// A published definition edited in the store (a deadline lengthened, say) is refused wherever it is loaded: no case
/// starts or moves on it, the caller is told which definition and both hashes, and <c>audit verify</c> reports it.
/// </summary>
public sealed class DefinitionTamperTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private string _caseId = null!;
    private string _storedHash = null!;
    private string _forgedHash = null!;

    [SetUp]
    public async Task SetUp()
    {
        // Every test here edits the stored definition behind the application's back.
        _folder = new TempFolder();
        await using (var first = await CasesHost.StartAsync(_folder))
        {
            await first.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"));
            _caseId = await first.StartDeficiencyAsync();
        }
        _storedHash = (string)RawSql.Scalar(_folder.Database, "SELECT ContentHash FROM ProcedureVersions")!;
        var json = (string)RawSql.Scalar(_folder.Database, "SELECT Json FROM ProcedureVersions")!;
        var forged = json.Replace("\"20wd\"", "\"60wd\"", StringComparison.Ordinal);
        Assert.That(forged, Is.Not.EqualTo(json));
        _forgedHash = ContentHash.Of(forged);
        RawSql.Execute(_folder.Database, "UPDATE ProcedureVersions SET Json = $j", ("$j", forged));
        // A restart: the running process had the definition cached as it was imported.
        _host = await CasesHost.StartAsync(_folder);
    }

    [TearDown]
    public async Task TearDown()
    {
        if (TestDatabases.OnPostgreSql) return;
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private void AssertRefusal(CasesException error)
    {
        Assert.That(error.Code, Is.EqualTo("definition-altered"));
        Assert.That(error.Message, Is.EqualTo(
            $"procedure deficiency-pending v1 was altered in the store: stored hash {_storedHash}, computed {_forgedHash}; nothing was done"));
    }

    [Test]
    public async Task StartingACase_IsRefusedAndChangesNothing()
    {
        var before = RawSql.Dump(_host.Database);

        AssertRefusal(await Expect.RefusedAsync(() => _host.StartDeficiencyAsync()));

        Assert.That(RawSql.Dump(_host.Database), Is.EqualTo(before));
    }

    [Test]
    public async Task CompletingATask_IsRefusedAndTheCaseDoesNotMove()
    {
        var task = await _host.OpenTaskAsync(_caseId, "pre-review");
        var before = RawSql.Dump(_host.Database);

        AssertRefusal(await Expect.RefusedAsync(() => _host.Tasks.CompleteAsync(task.Id, "accept", null, Actor.Operator("clerk-li"))));

        Assert.That(RawSql.Dump(_host.Database), Is.EqualTo(before));
    }

    [Test]
    public async Task VerifyDefinitions_ReportsTheEditedVersion()
    {
        var findings = await _host.Get<AuditVerifier>().VerifyDefinitionsAsync();

        Assert.That(findings, Is.EqualTo(new[] { $"procedure deficiency-pending v1 was altered in the store: stored hash {_storedHash}, computed {_forgedHash}" }));
    }
}
