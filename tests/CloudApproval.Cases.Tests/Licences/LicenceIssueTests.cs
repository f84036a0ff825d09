using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Documents;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Licences;
using CloudApproval.Cases.Tests.Support;
using System.Text.Json;
using static CloudApproval.Cases.Tests.Licences.LicenceFixture;

namespace CloudApproval.Cases.Tests.Licences;

/// <summary>A licence issued by a real case: numbered by its matter's prefix, year and sequence, sealed, verifiable.</summary>
public sealed class LicenceIssueTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    /// <summary>Friday 5 June 2026, 10:00 in Shanghai.</summary>
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 6, 5, 10, 0, 0, TimeSpan.FromHours(8)));

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, _clock, configure: s => s with { SealKeysFolder = _folder.File("seals") });
        await _host.ImportAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private VerifyLicence Verify => _host.Get<VerifyLicence>();

    [Test]
    public async Task ApprovedCase_IssuesAMatterPrefixedYearlyNumber_ValidFiveYearsToTheDayBeforeTheAnniversary_Sealed()
    {
        var caseId = await ApprovedCaseAsync(_host);

        var licence = await LicenceOfAsync(_host, caseId);
        Assert.That(licence.Number, Is.EqualTo("SP-2026-000001"));
        Assert.That(licence.ValidFrom, Is.EqualTo(new DateOnly(2026, 6, 5)));
        Assert.That(licence.ValidUntil, Is.EqualTo(new DateOnly(2031, 6, 4)));
        Assert.That(licence.Holder, Is.EqualTo("applicant-chen"));
        Assert.That(licence.MatterCode, Is.EqualTo("food-business-licence"));
        Assert.That(licence.Department, Is.EqualTo("market-supervision"));
        var content = LicenceContent.TryRead(licence.ContentJson)!;
        Assert.That(content.Number, Is.EqualTo(licence.Number));
        Assert.That(content.ValidUntil, Is.EqualTo(new DateOnly(2031, 6, 4)));
        var check = await Verify.RunAsync(licence.Number);
        Assert.That(check.Status, Is.EqualTo("valid"));
        Assert.That(check.Seal.Verified, Is.True, check.Seal.Problem);
        Assert.That((await ApprovedCaseAsync(_host, "applicant-liu")) is { } second ? (await LicenceOfAsync(_host, second)).Number : null, Is.EqualTo("SP-2026-000002"));
        Assert.That((await _host.VerifyAsync(caseId)).Intact, Is.True);
        Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Actor.Operator("auditor")), Is.Empty);
    }

    [Test]
    public async Task ConcurrentApprovals_HandOutEveryNumberOnce()
    {
        const int count = 8;
        var cases = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var caseId = await _host.StartDeficiencyAsync();
            await _host.Tasks.CompleteAsync((await _host.OpenTaskAsync(caseId, "pre-review")).Id, "accept", null, Actor.Operator("clerk-li"));
            cases.Add(caseId);
        }
        var reviews = new List<long>();
        foreach (var caseId in cases) reviews.Add((await _host.OpenTaskAsync(caseId, "review")).Id);

        await Task.WhenAll(reviews.Select(id => Task.Run(() => _host.Tasks.CompleteAsync(id, "approve", new System.Text.Json.Nodes.JsonObject { ["opinion"] = "ok" }, Actor.Operator("reviewer-wang")))));

        var numbers = new List<string>();
        foreach (var caseId in cases) numbers.Add((await LicenceOfAsync(_host, caseId)).Number);
        Assert.That(numbers.Order(), Is.EqualTo(Enumerable.Range(1, count).Select(n => $"SP-2026-{n:D6}")));
        Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Actor.Operator("auditor")), Is.Empty);
    }

    [Test]
    public async Task Verification_FailsTheSeal_WhenAByteOfTheSealedContentOrTheSealIsChanged()
    {
        var licence = await LicenceOfAsync(_host, await ApprovedCaseAsync(_host));
        var forged = licence.ContentJson!.Replace("2031-06-04", "2041-06-04", StringComparison.Ordinal);
        RawSql.Execute(_host.Database, "UPDATE Licences SET ContentJson = $c WHERE Id = $id", ("$c", forged), ("$id", licence.Id));

        var check = await Verify.RunAsync(licence.Number);

        Assert.That(check.Seal.Verified, Is.False);
        Assert.That(check.Seal.Problem, Does.Contain("content changed"));

        var seal = JsonSerializer.Deserialize<Seal>(licence.SealJson!)!;
        var flipped = seal with { Signature = seal.Signature[..^2] + (seal.Signature[^2..] == "00" ? "01" : "00") };
        RawSql.Execute(_host.Database, "UPDATE Licences SET ContentJson = $c, SealJson = $s WHERE Id = $id",
            ("$c", licence.ContentJson!), ("$s", JsonSerializer.Serialize(flipped)), ("$id", licence.Id));
        Assert.That((await Verify.RunAsync(licence.Number)).Seal.Verified, Is.False);
    }

    [TestCase("human-resources-service-licence", "HRSL")]
    [TestCase("food", "FOOD")]
    [TestCase("construction_works_permit", "CWP")]
    [TestCase("environmental", "ENVIRONM")]
    [TestCase("-", "LIC")]
    public void NumberPrefix_WhenTheMatterNamesNone_IsShortAndUpperCase(string licenceType, string expected) =>
        Assert.That(LicenceIssuing.DefaultPrefix(licenceType), Is.EqualTo(expected));

    [Test]
    public async Task UnknownNumber_IsUnknownLicence()
    {
        var refused = await Expect.RefusedAsync(() => Verify.RunAsync("SP-2026-999999"));
        Assert.That(refused.Code, Is.EqualTo("unknown-licence"));
        Assert.That(refused.Message, Does.Contain("SP-2026-999999"));
    }

    [Test]
    public async Task Revocation_ByTheIssuingHead_ShowsAtOnce_NotifiesTheHolder_AndKeepsTheChainIntact()
    {
        var caseId = await ApprovedCaseAsync(_host);
        var number = (await LicenceOfAsync(_host, caseId)).Number;

        Assert.That((await Expect.RefusedAsync(() => _host.Get<RevokeLicence>().RunAsync(number, "fraud", ClerkLi))).Code, Is.EqualTo("forbidden"));
        Assert.That((await Expect.RefusedAsync(() => _host.Get<RevokeLicence>().RunAsync(number, "fraud", HeadQian))).Code, Is.EqualTo("unknown-licence"));
        Assert.That((await Expect.RefusedAsync(() => _host.Get<RevokeLicence>().RunAsync(number, "  ", HeadZhou))).Code, Is.EqualTo("invalid-input"));
        Assert.That((await LicenceAsync(_host, number)).Status, Is.EqualTo(LicenceStatus.Valid), "a refusal changes nothing");

        await _host.Get<RevokeLicence>().RunAsync(number, "false commitment found on inspection", HeadZhou);

        var check = await Verify.RunAsync(number);
        Assert.That(check.Status, Is.EqualTo("revoked"));
        Assert.That(check.RevocationReason, Is.EqualTo("false commitment found on inspection"));
        Assert.That(check.RevokedAt, Is.EqualTo(_clock.GetUtcNow().UtcDateTime));
        Assert.That(check.Seal.Verified, Is.True, "revocation changes the record, not the sealed licence");
        await using (var db = _host.Db())
            Assert.That(db.Notices.Count(n => n.CaseId == caseId && n.NoticeType == "licence-revoked" && n.Recipient == "applicant-chen"), Is.EqualTo(1));
        Assert.That((await _host.AuditAsync(caseId))[^1].Action, Is.EqualTo("licence-revoked"));
        Assert.That((await _host.VerifyAsync(caseId)).Intact, Is.True);
        Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Actor.Operator("auditor")), Is.Empty);
        Assert.That((await Expect.RefusedAsync(() => _host.Get<RevokeLicence>().RunAsync(number, "again", HeadZhou))).Code, Is.EqualTo("licence-revoked"));
    }

    [Test]
    public async Task PastItsLastDay_VerificationSaysExpired()
    {
        var number = (await LicenceOfAsync(_host, await ApprovedCaseAsync(_host))).Number;

        _clock.Set(new DateTimeOffset(2031, 6, 5, 0, 0, 1, TimeSpan.FromHours(8)));

        Assert.That((await Verify.RunAsync(number)).Status, Is.EqualTo("expired"));
    }
}
