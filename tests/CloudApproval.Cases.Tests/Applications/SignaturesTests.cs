using System.Text.Json.Nodes;
using CloudApproval.Cases.Applications;
using CloudApproval.Cases.Signing;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CloudApproval.Cases.Tests.Applications.OnlineApplicant;

namespace CloudApproval.Cases.Tests.Applications;

/// <summary>Applicants' e-signatures (SM2 over SM3) on what they submit, and their verification against the stored rows.</summary>
public sealed class SignaturesTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;

    private VerifyApplication Verify => _host.Get<VerifyApplication>();

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, new ManualClock(ManualClock.MondayMorning));
        await _host.ImportAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Test]
    public async Task Submit_SignsTheCanonicalApplication_AndTheSignatureVerifies()
    {
        var (id, caseId) = await SubmittedAsync(_host, Chen);

        var report = await Verify.RunAsync(caseId, ClerkLi);

        await using var db = _host.Db();
        var signature = await db.ApplicationSignatures.SingleAsync(s => s.ApplicationId == id && s.Kind == StatementKinds.Application);
        var key = await db.ApplicantKeys.SingleAsync(k => k.UserName == Chen.Id);
        var signed = JsonNode.Parse(signature.CanonicalText)!.AsObject();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Valid, Is.True, string.Join("; ", report.Problems));
            Assert.That(Sm2Key.Verify(signature.CanonicalText, signature.Signature, key.PublicKey), Is.True);
            Assert.That(signature.PublicKey, Is.EqualTo(key.PublicKey));
            Assert.That(signed.Select(p => p.Key), Is.EqualTo(new[]
            {
                "statement", "applicationId", "revision", "applicant", "matter", "data", "materials", "eLicences", "commitment", "deferredMaterials", "submittedAt", "particulars",
            }));
            Assert.That(signed["data"]!.AsObject().Select(p => p.Key),
                Is.EqualTo(new[] { "businessArea", "centralKitchen", "contactPhone", "mainBusinessType", "premisesAddress", "shopName" }), "form data keys sorted");
            var particulars = signed["particulars"]!.AsArray().Select(p => p!.AsObject()).ToList();
            Assert.That(particulars.Select(p => (string?)p["key"]),
                Is.EqualTo(new[] { "shopName", "premisesAddress", "businessArea", "mainBusinessType", "centralKitchen", "contactPhone" }), "in the form's order");
            Assert.That((string?)particulars[3]["label"]!["zh"], Is.EqualTo("主体业态"), "signed with the label the applicant read");
            Assert.That((string?)particulars[3]["valueLabel"]!["zh"], Is.EqualTo("餐饮服务经营者"), "and the chosen option's label");
            Assert.That(signed["materials"]!.AsArray().Select(m => (string?)m!["code"]), Is.EqualTo(Required.Order(StringComparer.Ordinal)));
            Assert.That(signed["deferredMaterials"]!.AsArray().Select(m => (string?)m), Is.EqualTo(new[] { "food-safety-manager", "food-safety-rules" }));
            Assert.That(key.ProtectedPrivateKey, Does.Not.Contain("PRIVATE KEY"), "the private key is stored protected");
            Assert.That(report.Statements.Select(s => s.Kind), Is.EquivalentTo(new[] { StatementKinds.Application, StatementKinds.DeficiencyUndertaking }));
        }
    }

    [Test]
    public async Task TheDeficiencyUndertaking_NamesTheDeferredMaterials_AndTheDateBy()
    {
        var (id, _) = await SubmittedAsync(_host, Chen);

        await using var db = _host.Db();
        var undertaking = await db.ApplicationSignatures.SingleAsync(s => s.ApplicationId == id && s.Kind == StatementKinds.DeficiencyUndertaking);
        var text = JsonNode.Parse(undertaking.CanonicalText)!;

        Assert.That(text["deferredMaterials"]!.AsArray().Select(m => (string?)m!["code"]), Is.EqualTo(new[] { "food-safety-manager", "food-safety-rules" }));
        // Submitted Monday 2026-03-02; the promised limit is 5 working days.
        Assert.That((string?)text["supplementBy"], Is.EqualTo("2026-03-09"));
        Assert.That(Sm2Key.Verify(undertaking.CanonicalText, undertaking.Signature, undertaking.PublicKey), Is.True);
    }

    [Test]
    public async Task ACommitmentSubmission_SignsTheFullCommitmentLetter_WithTheKeyIssuedAtRegistration()
    {
        await SaveProfileAsync(_host, Chen);
        string registeredKey;
        await using (var before = _host.Db())
            registeredKey = (await before.ApplicantKeys.SingleAsync(k => k.UserName == Chen.Id)).PublicKey;

        var (id, caseId) = await SubmittedAsync(_host, Chen, commitment: true);

        var report = await Verify.RunAsync(caseId, Chen);
        await using var db = _host.Db();
        var letter = await db.ApplicationSignatures.SingleAsync(s => s.ApplicationId == id && s.Kind == StatementKinds.CommitmentLetter);
        var text = JsonNode.Parse(letter.CanonicalText)!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Valid, Is.True, string.Join("; ", report.Problems));
            Assert.That(letter.PublicKey, Is.EqualTo(registeredKey));
            Assert.That((string?)text["text"], Does.Contain("告知承诺书").And.Contain("虚假承诺").And.Contain("premises-layout").And.Contain("《中华人民共和国食品安全法》"));
            Assert.That(text["replacedMaterials"]!.AsArray().Select(m => (string?)m!["code"]),
                Is.EqualTo(new[] { "food-safety-manager", "food-safety-rules", "premises-layout" }));
            Assert.That(report.Statements.Single(s => s.Kind == StatementKinds.CommitmentLetter).Valid, Is.True);
        }
    }

    [Test]
    public async Task AMaterialByteChangedInTheStore_IsNamedByTheVerification()
    {
        var (id, caseId) = await SubmittedAsync(_host, Chen);
        string sha;
        await using (var db = _host.Db())
            sha = await db.ApplicationMaterials.Where(m => m.ApplicationId == id && m.MaterialCode == "premises-layout").Select(m => m.Sha256).SingleAsync();
        var file = Path.Combine(_folder.File("blobs"), sha[..2], sha[2..4], sha);
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[^3] ^= 0x01;
        await File.WriteAllBytesAsync(file, bytes);

        var report = await Verify.RunAsync(caseId, ClerkLi);

        Assert.That(report.Valid, Is.False);
        Assert.That(report.Problems, Has.Exactly(1).Contains("material premises-layout").And.Contains("changed").And.Contains(sha));
    }

    [Test]
    public async Task AStoredFieldChanged_IsNamedByTheVerification()
    {
        var (id, caseId) = await SubmittedAsync(_host, Chen);
        await using (var db = _host.Db())
            await db.Applications.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.DataJson, SeedParticulars.For("food-business-licence", d => d["shopName"] = "别家小吃").ToJsonString()));

        var report = await Verify.RunAsync(caseId, ClerkLi);

        Assert.That(report.Valid, Is.False);
        Assert.That(report.Problems, Has.Exactly(1).Contains("field 'data'").And.Contains("别家小吃").And.Contains("陈记小吃"));
    }

    [Test]
    public async Task AStoredMaterialRowChanged_IsNamedByCode()
    {
        var (id, caseId) = await SubmittedAsync(_host, Chen);
        await using (var db = _host.Db())
            await db.ApplicationMaterials.Where(m => m.ApplicationId == id && m.MaterialCode == "application-form")
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.FileName, "other.pdf"));

        var report = await Verify.RunAsync(caseId, ClerkLi);

        Assert.That(report.Problems, Has.Exactly(1).Contains("materials application-form").And.Contains("other.pdf"));
    }

    [Test]
    public async Task AnAlteredSignature_IsNamedAsNotVerifying()
    {
        var (id, caseId) = await SubmittedAsync(_host, Chen);
        await using (var db = _host.Db())
        {
            var row = await db.ApplicationSignatures.SingleAsync(s => s.ApplicationId == id && s.Kind == StatementKinds.Application);
            row.CanonicalText = row.CanonicalText.Replace("陈记小吃", "别家小吃", StringComparison.Ordinal);
            await db.SaveChangesAsync();
        }

        var report = await Verify.RunAsync(caseId, ClerkLi);

        var application = report.Statements.Single(s => s.Kind == StatementKinds.Application);
        Assert.That(application.Valid, Is.False);
        Assert.That(application.Problems, Has.Some.Contains("does not verify"));
    }

    [Test]
    public async Task AnApplicantWithoutAKey_GetsOneOnFirstSubmit_AndARestartedHostStillSignsWithIt()
    {
        var (_, first) = await SubmittedAsync(_host, Liu);
        string issued;
        await using (var db = _host.Db())
            issued = (await db.ApplicantKeys.SingleAsync(k => k.UserName == Liu.Id)).PublicKey;

        await _host.DisposeAsync();
        _host = await CasesHost.StartAsync(_folder, new ManualClock(ManualClock.MondayMorning));
        var (second, secondCase) = await SubmittedAsync(_host, Liu);

        await using var after = _host.Db();
        var signature = await after.ApplicationSignatures.SingleAsync(s => s.ApplicationId == second && s.Kind == StatementKinds.Application);
        Assert.That(signature.PublicKey, Is.EqualTo(issued));
        Assert.That((await Verify.RunAsync(secondCase, Liu)).Valid, Is.True);
        Assert.That((await Verify.RunAsync(first, Liu)).Valid, Is.True);
    }

    [Test]
    public async Task Verify_IsForTheCasesReadersOnly()
    {
        var (_, caseId) = await SubmittedAsync(_host, Chen);
        var otherDepartment = new Actor("clerk-wang", null, [ActorRoles.Clerk], ["planning-resources"], ["intake-clerk"]);

        var liu = await Assert.ThrowsAsync<CasesException>(() => Verify.RunAsync(caseId, Liu));
        var wang = await Assert.ThrowsAsync<CasesException>(() => Verify.RunAsync(caseId, otherDepartment));

        Assert.That(new[] { liu!.Code, wang!.Code }, Is.All.EqualTo("unknown-case"));
    }
}
