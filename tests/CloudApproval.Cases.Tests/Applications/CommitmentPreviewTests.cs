using System.Text.Json.Nodes;
using CloudApproval.Cases.Applicants;
using CloudApproval.Cases.Applications;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CloudApproval.Cases.Tests.Applications.OnlineApplicant;

namespace CloudApproval.Cases.Tests.Applications;

/// <summary>What the portal shows before 告知承诺 is chosen: the very letter the submission signs, and the same refusal.</summary>
public sealed class CommitmentPreviewTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;

    private CommitmentPreview Preview => _host.Get<CommitmentPreview>();

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
    public async Task ThePreviewedLetter_IsTheTextTheSubmissionSigns()
    {
        await SaveProfileAsync(_host, Chen);
        var id = await DraftWithAsync(_host, Chen, Required[..3]);

        var preview = await Preview.RunAsync(id, Chen);
        await _host.Get<SubmitApplication>().RunAsync(id, commitment: true, Chen);

        await using var db = _host.Db();
        var letter = await db.ApplicationSignatures.SingleAsync(s => s.ApplicationId == id && s.Kind == StatementKinds.CommitmentLetter);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(preview.Eligibility.IsAllowed, Is.True);
            Assert.That(preview.Waives, Is.EquivalentTo(new[] { "premises-layout", "food-safety-rules", "food-safety-manager" }));
            Assert.That((string?)JsonNode.Parse(letter.CanonicalText)!["text"], Is.EqualTo(preview.Text));
        }
    }

    [Test]
    public async Task AnApplicantFlaggedForBadCredit_IsRefusedInThePreview_AsTheSubmissionRefusesThem()
    {
        await SaveProfileAsync(_host, Chen);
        await _host.Get<ApplicantProfiles>().RecordCreditAsync(Chen.Id, seriousBadCredit: true, falseCommitment: false, Actor.Operator("credit"));
        var id = await DraftWithAsync(_host, Chen, Required);

        var preview = await Preview.RunAsync(id, Chen);
        var submit = await Assert.ThrowsAsync<CasesException>(() => _host.Get<SubmitApplication>().RunAsync(id, commitment: true, Chen));

        Assert.That((preview.Eligibility.IsAllowed, preview.Eligibility.Code), Is.EqualTo((false, (string?)"serious-bad-credit")));
        Assert.That(submit!.Message, Does.Contain(preview.Eligibility.Reason));
    }

    [Test]
    public async Task WithoutAProfile_TheCommitmentIsRefused_NamingWhatToDo()
    {
        var id = await DraftWithAsync(_host, Liu, Required);

        var preview = await Preview.RunAsync(id, Liu);

        Assert.That((preview.Eligibility.Code, preview.Eligibility.Reason), Is.EqualTo(((string?)"profile-required", (string?)$"{Liu.Id} has no applicant profile: a commitment (告知承诺) is signed as a verified applicant, so save the profile first")));
    }

    [Test]
    public async Task AnotherApplicantsDraft_IsUnknown()
    {
        var id = await DraftWithAsync(_host, Chen, Required);

        var refused = await Assert.ThrowsAsync<CasesException>(() => Preview.RunAsync(id, Liu));

        Assert.That(refused!.Code, Is.EqualTo("unknown-application"));
    }
}
