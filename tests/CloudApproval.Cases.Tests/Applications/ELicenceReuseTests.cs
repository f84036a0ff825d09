using System.Text.Json.Nodes;
using CloudApproval.Cases.Applications;
using CloudApproval.Cases.Tests.Support;
using static CloudApproval.Cases.Tests.Applications.OnlineApplicant;

namespace CloudApproval.Cases.Tests.Applications;

/// <summary>信息免填报、材料免提交: a material the matter lets an e-licence stand for, given by a licence the applicant holds.</summary>
public sealed class ELicenceReuseTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private ManualClock _clock = null!;

    private ApplicationLicences Licences => _host.Get<ApplicationLicences>();

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _clock = new ManualClock(ManualClock.MondayMorning);
        _host = await CasesHost.StartAsync(_folder, _clock);
        await _host.ImportAsync();
        await PublishRegistrationAsync(_host);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Test]
    public async Task AValidLicenceOfTheApplicant_StandsForTheMaterial_CountsAtSubmit_AndIsListedInTheCaseInput()
    {
        var (number, _) = await IssueBusinessLicenceAsync(_host, Chen);
        var id = await DraftWithAsync(_host, Chen, "application-form", "legal-representative-id", "premises-layout");

        var attached = await Licences.AttachAsync(id, "business-licence", number, Chen);
        var submission = await _host.Get<SubmitApplication>().RunAsync(id, commitment: false, Chen);

        var input = JsonNode.Parse((await _host.CaseAsync(submission.Outcome.CaseId)).StateJson)!["input"]!["application"]!;
        var report = await _host.Get<VerifyApplication>().RunAsync(submission.Outcome.CaseId, Chen);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(attached.LicenceType, Is.EqualTo("business-licence"));
            Assert.That(submission.Outcome.Faulted, Is.False);
            Assert.That(input["eLicences"]!.AsArray().Select(l => ((string?)l!["code"], (string?)l["licenceNumber"])),
                Is.EqualTo(new[] { ("business-licence", number) }));
            Assert.That(input["materials"]!.AsArray().Select(m => (string?)m!["code"]), Does.Not.Contain("business-licence"));
            Assert.That(report.Valid, Is.True, string.Join("; ", report.Problems));
        }
    }

    [Test]
    public async Task AnotherApplicantsLicence_IsRefused()
    {
        var (number, _) = await IssueBusinessLicenceAsync(_host, Liu);
        var id = await DraftWithAsync(_host, Chen);

        var refused = await Assert.ThrowsAsync<CasesException>(() => Licences.AttachAsync(id, "business-licence", number, Chen));

        Assert.That(refused!.Code, Is.EqualTo("licence-not-yours"));
        Assert.That(refused.Message, Does.Contain(number));
    }

    [Test]
    public async Task ALicenceOfAnotherType_OrForAMaterialNoLicenceStandsFor_IsRefused()
    {
        var (number, _) = await IssueBusinessLicenceAsync(_host, Chen);
        var id = await DraftWithAsync(_host, Chen);

        var wrongType = await Assert.ThrowsAsync<CasesException>(() => Licences.AttachAsync(id, "legal-representative-id", number, Chen));
        var noLicence = await Assert.ThrowsAsync<CasesException>(() => Licences.AttachAsync(id, "application-form", number, Chen));

        Assert.That(wrongType!.Code, Is.EqualTo("licence-wrong-type"));
        Assert.That(wrongType.Message, Does.Contain("resident-identity-card"));
        Assert.That(noLicence!.Code, Is.EqualTo("licence-not-accepted"));
    }

    [Test]
    public async Task ARevokedLicence_IsRefused()
    {
        var (number, caseId) = await IssueBusinessLicenceAsync(_host, Chen);
        await _host.Runtime.SendEventAsync(caseId, "revoke", null, Chen);
        var id = await DraftWithAsync(_host, Chen);

        var refused = await Assert.ThrowsAsync<CasesException>(() => Licences.AttachAsync(id, "business-licence", number, Chen));

        Assert.That(refused!.Code, Is.EqualTo("licence-revoked"));
    }

    [Test]
    public async Task AnExpiredLicence_IsRefused_AlsoAtSubmitWhenItExpiredAfterBeingAttached()
    {
        var (number, _) = await IssueBusinessLicenceAsync(_host, Chen);
        var id = await DraftWithAsync(_host, Chen, "application-form", "legal-representative-id", "premises-layout");
        await Licences.AttachAsync(id, "business-licence", number, Chen);
        _clock.Advance(TimeSpan.FromDays(400));

        var submit = await Assert.ThrowsAsync<CasesException>(() => _host.Get<SubmitApplication>().RunAsync(id, commitment: false, Chen));
        var attach = await Assert.ThrowsAsync<CasesException>(() => Licences.AttachAsync(id, "business-licence", number, Chen));

        Assert.That(submit!.Code, Is.EqualTo("licence-expired"));
        Assert.That(attach!.Code, Is.EqualTo("licence-expired"));
        Assert.That(attach.Message, Does.Contain("expired on 2027-03-01"));
    }
}
