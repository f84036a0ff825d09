using System.Text.Json.Nodes;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Audit;

/// <summary>Someone with write access to the database file edits the trail behind the application's back.</summary>
public sealed class AuditTamperTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private string _caseId = null!;
    private string _otherCaseId = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, new ManualClock(ManualClock.MondayMorning));
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"));
        _caseId = await _host.StartDeficiencyAsync();
        var preReview = await _host.OpenTaskAsync(_caseId, "pre-review");
        await _host.Tasks.ClaimAsync(preReview.Id, Actor.Operator("clerk-li"));
        await _host.Tasks.CompleteAsync(preReview.Id, "accept", null, Actor.Operator("clerk-li"));
        var review = await _host.OpenTaskAsync(_caseId, "review");
        await _host.Tasks.CompleteAsync(review.Id, "approve", new JsonObject { ["opinion"] = "conditions met" }, Actor.Operator("reviewer-wang"));
        _otherCaseId = await _host.StartDeficiencyAsync();
        Assert.That((await _host.AuditAsync(_caseId)).Select(e => e.Sequence), Is.EqualTo(new long[] { 1, 2, 3, 4 }));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private int Sql(string sql, long sequence) =>
        RawSql.Execute(_host.Database, sql, ("$case", _caseId), ("$seq", sequence));

    [Test]
    public async Task Verify_ReportsIntact_ForAnUntouchedCase()
    {
        var result = await _host.VerifyAsync(_caseId);

        Assert.That(result.Intact, Is.True, result.Reason);
        Assert.That(result.Entries, Is.EqualTo(4));
        Assert.That(result.BrokenAt, Is.Null);
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(4)]
    public async Task Verify_NamesTheEditedEntry_AsTheFirstBrokenLink(long sequence)
    {
        // One character more in the stored JSON: invisible in any timeline, fatal to the hash.
        Assert.That(Sql("UPDATE AuditEntries SET Detail = Detail || ' ' WHERE CaseId = $case AND Sequence = $seq", sequence), Is.EqualTo(1));

        var result = await _host.VerifyAsync(_caseId);

        Assert.That(result.Intact, Is.False);
        Assert.That(result.BrokenAt, Is.EqualTo(sequence));
        Assert.That(result.Reason, Does.Contain($"entry {sequence}").And.Contain("altered"));
    }

    [Test]
    public async Task Verify_NamesTheEditedEntry_WhenItsHashWasRecomputedToMatch()
    {
        // A careful forger fixes the edited entry's own hash too; the next entry's link still points at the old one.
        var entry = (await _host.AuditAsync(_caseId)).Single(e => e.Sequence == 2);
        entry.Actor = "clerk-xu";
        RawSql.Execute(_host.Database, "UPDATE AuditEntries SET Actor = $actor, Hash = $hash WHERE Id = $id",
            ("$actor", entry.Actor), ("$hash", AuditChain.HashOf(entry)), ("$id", entry.Id));

        var result = await _host.VerifyAsync(_caseId);

        Assert.That(result.BrokenAt, Is.EqualTo(3));
        Assert.That(result.Reason, Does.Contain("does not link"));
    }

    [Test]
    public async Task Verify_DetectsTruncation_WhenTheLastEntryIsDeleted()
    {
        Assert.That(Sql("DELETE FROM AuditEntries WHERE CaseId = $case AND Sequence = $seq", 4), Is.EqualTo(1));

        var result = await _host.VerifyAsync(_caseId);

        Assert.That(result.Intact, Is.False);
        Assert.That(result.Entries, Is.EqualTo(3));
        Assert.That(result.BrokenAt, Is.EqualTo(4));
        Assert.That(result.Reason, Does.Contain("removed"));
    }

    [Test]
    public async Task Verify_DetectsAMissingEntryInTheMiddle()
    {
        Sql("DELETE FROM AuditEntries WHERE CaseId = $case AND Sequence = $seq", 2);

        var result = await _host.VerifyAsync(_caseId);

        Assert.That(result.BrokenAt, Is.EqualTo(2));
        Assert.That(result.Reason, Does.Contain("missing"));
    }

    [Test]
    public async Task VerifyAll_ReportsTheTamperedCaseOnly()
    {
        Sql("UPDATE AuditEntries SET Detail = Detail || ' ' WHERE CaseId = $case AND Sequence = $seq", 3);

        var results = await _host.Get<AuditVerifier>().VerifyAllAsync(Actor.Operator("auditor"));

        Assert.That(results.Where(r => !r.Intact).Select(r => (r.CaseId, r.BrokenAt)), Is.EqualTo(new[] { (_caseId, (long?)3) }));
        Assert.That(results.Single(r => r.CaseId == _otherCaseId).Intact, Is.True);
    }

    [Test]
    public async Task Verify_Fails_ForAnUnknownCase()
    {
        var error = await Expect.RefusedAsync(() => _host.VerifyAsync("CA-20260302-NOSUCHID"));

        Assert.That(error.Code, Is.EqualTo("unknown-case"));
    }
}
