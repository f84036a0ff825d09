using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Audit;

/// <summary>
/// Signed checkpoints catch what a consistent forgery leaves intact: a chain re-hashed end to end, a case deleted with
/// all its rows, a definition rewritten with its hash. The key is a file outside the database.
/// </summary>
public sealed class CheckpointTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private string _caseId = null!;
    private string _otherCaseId = null!;

    private string KeyPath => _folder.File("keys/audit-sm2.key");

    private string CheckpointFile => _folder.File("cases-checkpoints.jsonl");

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await StartHostAsync(KeyPath);
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"));
        _caseId = await _host.StartDeficiencyAsync();
        await _host.Tasks.CompleteAsync((await _host.OpenTaskAsync(_caseId, "pre-review")).Id, "accept", null, Actor.Operator("clerk-li"));
        _otherCaseId = await _host.StartDeficiencyAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>The host as the application wires it, with the checkpoint key at <paramref name="keyPath"/>.</summary>
    private Task<CasesHost> StartHostAsync(string keyPath) =>
        CasesHost.StartAsync(_folder, new ManualClock(ManualClock.MondayMorning), configure: s => s with { AuditKeyPath = keyPath });

    private Task<CheckpointMade> CheckpointAsync() => _host.Get<MakeCheckpoint>().RunAsync();

    private Task<CheckpointVerification> VerifyCheckpointsAsync(string? caseId = null) => _host.Get<CheckpointVerifier>().VerifyAsync(caseId);

    private int Sql(string sql, params (string Name, object Value)[] parameters) => RawSql.Execute(_host.Database, sql, parameters);

    [Test]
    public async Task Checkpoint_IsSignedAndVerifies_AndItsKeyIsMadeOnFirstUseOutsideTheDatabase()
    {
        Assert.That(File.Exists(KeyPath), Is.False);

        var first = await CheckpointAsync();
        var second = await CheckpointAsync();
        var verdict = await VerifyCheckpointsAsync();

        Assert.That((first.KeyCreated, second.KeyCreated), Is.EqualTo((true, false)));
        Assert.That((first.Number, second.Number), Is.EqualTo((1L, 2L)));
        Assert.That(first.CaseCount, Is.EqualTo(2));
        Assert.That(File.ReadAllText(KeyPath), Does.StartWith("-----BEGIN PRIVATE KEY-----"));
        if (!OperatingSystem.IsWindows()) Assert.That(File.GetUnixFileMode(KeyPath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        var lines = File.ReadAllLines(CheckpointFile);
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[1], Does.Contain($"\"publicKey\":\"{second.PublicKey}\"").And.Contain("\"signature\":\"").And.Contain($"\"merkleRoot\":\"{second.MerkleRoot}\""));
        Assert.That(verdict.Findings, Is.Empty);
        Assert.That(verdict.Latest!.Number, Is.EqualTo(2));
        Assert.That(RawSql.Scalar(_host.Database, "SELECT COUNT(*) FROM AuditCheckpoints"), Is.EqualTo(2L));
        Assert.That(RawSql.Dump(_host.Database), Does.Not.Contain("PRIVATE KEY"));
    }

    [Test]
    public async Task Verify_HasNothingToSay_BeforeTheFirstCheckpoint()
    {
        var verdict = await VerifyCheckpointsAsync();

        Assert.That((verdict.Latest, verdict.Findings), Is.EqualTo(((CheckpointLine?)null, Array.Empty<string>())));
    }

    [Test]
    public async Task Verify_CatchesAChainReHashedEndToEnd_SinceTheCheckpoint()
    {
        await CheckpointAsync();
        // The careful forger: edit entry 1, then recompute every link and hash after it and fix up the head.
        var entries = await _host.AuditAsync(_caseId);
        entries[0].Actor = "applicant-forged";
        var previous = AuditChain.Genesis;
        foreach (var e in entries)
        {
            e.PreviousHash = previous;
            e.Hash = previous = AuditChain.HashOf(e);
            Sql("UPDATE AuditEntries SET Actor = $a, PreviousHash = $p, Hash = $h WHERE Id = $id", ("$a", e.Actor), ("$p", e.PreviousHash), ("$h", e.Hash), ("$id", e.Id));
        }
        Sql("UPDATE Cases SET AuditHead = $h WHERE Id = $id", ("$h", previous), ("$id", _caseId));
        Assert.That((await _host.VerifyAsync(_caseId)).Intact, Is.True, "the forgery is consistent: only the checkpoint can tell");

        var verdict = await VerifyCheckpointsAsync();

        Assert.That(verdict.Findings, Is.EqualTo(new[] { $"case {_caseId}: its chain was rewritten since checkpoint 1 (entry {entries.Count} no longer has the hash the checkpoint signed)" }));
        Assert.That((await VerifyCheckpointsAsync(_otherCaseId)).Findings, Is.Empty, "verifying another case alone");
    }

    [Test]
    public async Task Verify_CatchesAWholeCaseDeleted_SinceTheCheckpoint()
    {
        await CheckpointAsync();
        foreach (var table in new[] { "AuditEntries", "Tasks", "Timers", "Notices", "Licences" })
            Sql($"DELETE FROM {table} WHERE CaseId = $c", ("$c", _caseId));
        Sql("DELETE FROM Cases WHERE Id = $c", ("$c", _caseId));
        Assert.That((await _host.Get<AuditVerifier>().VerifyAllAsync(Actor.Operator("auditor"))).All(r => r.Intact), Is.True, "nothing left of it to verify");

        var verdict = await VerifyCheckpointsAsync();

        Assert.That(verdict.Findings, Is.EqualTo(new[] { $"case {_caseId} was deleted since checkpoint 1 (it had 2 audit entries)" }));
    }

    [Test]
    public async Task Verify_CatchesADefinitionRewrittenWithItsHash_SinceTheCheckpoint()
    {
        await CheckpointAsync();
        var json = (string)RawSql.Scalar(_host.Database, "SELECT Json FROM ProcedureVersions")!;
        var forged = json.Replace("\"20wd\"", "\"60wd\"", StringComparison.Ordinal);
        Sql("UPDATE ProcedureVersions SET Json = $j, ContentHash = $h", ("$j", forged), ("$h", CloudApproval.Cases.Definitions.ContentHash.Of(forged)));
        Assert.That(await _host.Get<AuditVerifier>().VerifyDefinitionsAsync(), Is.Empty, "text and hash agree: only the checkpoint can tell");

        var verdict = await VerifyCheckpointsAsync();

        Assert.That(verdict.Findings, Has.Count.EqualTo(1));
        Assert.That(verdict.Findings[0], Does.StartWith("definition deficiency-pending v1 was changed since checkpoint 1"));
    }

    [Test]
    public async Task Verify_CatchesTheFileAndTheTableDisagreeing()
    {
        await CheckpointAsync();
        await CheckpointAsync();
        Sql("DELETE FROM AuditCheckpoints WHERE Number = 2");
        File.AppendAllText(CheckpointFile, "not a checkpoint\n");

        var verdict = await VerifyCheckpointsAsync();

        Assert.That(verdict.Findings, Is.EquivalentTo(new[]
        {
            $"{CheckpointFile} line 3: not a checkpoint",
            $"checkpoint 2 is in {CheckpointFile} but not in the database: deleted from the table",
        }));
    }

    [Test]
    public async Task Verify_CatchesACheckpointSignedWithAnotherKey()
    {
        // A forger re-hashes a chain and signs a checkpoint of their own, with their own key, in both places.
        await CheckpointAsync();
        await using (var forger = await StartHostAsync(_folder.File("forger.key")))
            await forger.Get<MakeCheckpoint>().RunAsync();

        var verdict = await VerifyCheckpointsAsync();

        Assert.That(verdict.Latest!.Number, Is.EqualTo(2));
        Assert.That(verdict.Findings, Is.EqualTo(new[] { $"checkpoint 2 is signed by another key than the one at {KeyPath}" }));
    }

    [Test]
    public async Task Verify_CatchesAnEditedSignedRoot()
    {
        await CheckpointAsync();
        var line = File.ReadAllText(CheckpointFile);
        var root = (string)RawSql.Scalar(_host.Database, "SELECT MerkleRoot FROM AuditCheckpoints")!;
        var forged = new string('0', 64);
        File.WriteAllText(CheckpointFile, line.Replace(root, forged, StringComparison.Ordinal));
        Sql("UPDATE AuditCheckpoints SET MerkleRoot = $r", ("$r", forged));

        var verdict = await VerifyCheckpointsAsync();

        Assert.That(verdict.Findings, Is.EquivalentTo(new[]
        {
            "checkpoint 1: the signature does not verify",
            "checkpoint 1: its leaves in the database do not give its signed root",
        }));
    }
}
