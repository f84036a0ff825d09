using System.Text;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Applicants;
using CloudApproval.Cases.Applications;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tests.Applications;

/// <summary>
/// Online applications for the food business licence (market-supervision, the commitment procedure): key materials
/// application-form, business-licence, legal-representative-id; premises-layout replaceable by a commitment;
/// food-safety-rules and food-safety-manager deferrable (容缺) or replaceable.
/// </summary>
public sealed class ApplicationsTests
{
    private const string Matter = "food-business-licence";
    private static readonly Actor Chen = new("applicant-chen", "陈静", [ActorRoles.Applicant]);
    private static readonly Actor Liu = new("applicant-liu", "刘洋", [ActorRoles.Applicant]);
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private TempFolder _folder = null!;
    private CasesHost _host = null!;

    private ApplicationDrafts Drafts => _host.Get<ApplicationDrafts>();
    private ApplicationReader Reader => _host.Get<ApplicationReader>();
    private SubmitApplication Submit => _host.Get<SubmitApplication>();

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, new ManualClock(ManualClock.MondayMorning), configure: s => s with { MaxApplicationMegabytes = 1 });
        await _host.ImportAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private string BlobsFolder => _folder.File("blobs");

    private int StoredFileCount() => Directory.Exists(BlobsFolder)
        ? Directory.EnumerateFiles(BlobsFolder, "*", SearchOption.AllDirectories).Count()
        : 0;

    private async Task<string> DraftWithAsync(params string[] materials)
    {
        var draft = await Drafts.CreateAsync(Matter, SeedParticulars.For(Matter), Chen);
        foreach (var code in materials)
            await Drafts.UploadAsync(draft.Id, code, code + ".pdf", new MemoryStream([.. Pdf, .. Encoding.ASCII.GetBytes(code)]), Chen);
        return draft.Id;
    }

    [Test]
    public async Task Submit_StartsTheMattersProcedureInItsDepartment_LinksTheCase_AndListsDeferredMaterialsOnTheReceipt()
    {
        var id = await DraftWithAsync("application-form", "business-licence", "premises-layout");
        await Drafts.UploadAsync(id, "legal-representative-id", "id-card.png", new MemoryStream(Png), Chen);

        var submission = await Submit.RunAsync(id, commitment: false, Chen);

        var receipt = submission.Receipt;
        Assert.That(submission.Outcome.Faulted, Is.False);
        var c = await _host.CaseAsync(submission.Outcome.CaseId);
        var input = (JsonObject)JsonNode.Parse(c.StateJson)!["input"]!;
        var tasks = await _host.TasksOfAsync(c.Id);
        var application = await Reader.GetAsync(id, Chen);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(c.DefinitionId, Is.EqualTo("commitment"));
            Assert.That(c.Applicant, Is.EqualTo("applicant-chen"));
            Assert.That((string?)input["department"], Is.EqualTo("market-supervision"));
            Assert.That((string?)input["application"]!["id"], Is.EqualTo(id));
            Assert.That((string?)input["application"]!["data"]!["shopName"], Is.EqualTo("陈记小吃"));
            Assert.That(input["application"]!["materials"]!.AsArray().Select(m => (string?)m!["sha256"]),
                Is.EquivalentTo(application.Materials.Select(m => m.Sha256)));
            Assert.That(tasks.Select(t => t.Department), Is.All.EqualTo("market-supervision").And.Not.Empty);
            Assert.That(application.Status, Is.EqualTo(ApplicationStatus.Submitted));
            Assert.That(application.CaseId, Is.EqualTo(c.Id));
            Assert.That(application.Receipt, Is.Not.Null);
            Assert.That(receipt.CaseId, Is.EqualTo(c.Id));
            Assert.That(receipt.Received.Select(m => m.Code), Is.EquivalentTo(new[] { "application-form", "business-licence", "premises-layout", "legal-representative-id" }));
            Assert.That(receipt.Deferred, Is.EquivalentTo(new[] { "food-safety-rules", "food-safety-manager" }));
            Assert.That(receipt.WaivedByCommitment, Is.Empty);
            Assert.That(receipt.ReceivedAt, Is.EqualTo(ManualClock.MondayMorning.UtcDateTime));
        }
    }

    [Test]
    public async Task Submit_RefusesAMissingKeyMaterial_NamingIt_AndStartsNoCase()
    {
        var id = await DraftWithAsync("application-form", "premises-layout", "legal-representative-id");

        var refused = await Assert.ThrowsAsync<CasesException>(() => Submit.RunAsync(id, commitment: false, Chen));

        Assert.That(refused!.Code, Is.EqualTo("materials-missing"));
        Assert.That(refused.Message, Does.Contain("business-licence"));
        Assert.That(refused.Message, Does.Not.Contain("food-safety-rules"), "deferrable materials may come later");
        await using var db = _host.Db();
        Assert.That(await db.Cases.CountAsync(), Is.Zero);
        Assert.That((await Reader.GetAsync(id, Chen)).Status, Is.EqualTo(ApplicationStatus.Draft));
    }

    [Test]
    public async Task Submit_WithoutACommitment_RequiresTheProofACommitmentWouldReplace()
    {
        var id = await DraftWithAsync("application-form", "business-licence", "legal-representative-id");

        var refused = await Assert.ThrowsAsync<CasesException>(() => Submit.RunAsync(id, commitment: false, Chen));

        Assert.That(refused!.Message, Does.Contain("premises-layout"));
    }

    [Test]
    public async Task Submit_WithACommitment_WaivesTheReplaceableMaterials()
    {
        await SaveProfileAsync();
        var id = await DraftWithAsync("application-form", "business-licence", "legal-representative-id");

        var submission = await Submit.RunAsync(id, commitment: true, Chen);

        Assert.That(submission.Receipt.Commitment, Is.True);
        Assert.That(submission.Receipt.WaivedByCommitment, Is.EquivalentTo(new[] { "premises-layout", "food-safety-rules", "food-safety-manager" }));
        Assert.That(submission.Receipt.Deferred, Is.Empty);
    }

    [Test]
    public async Task Submit_WithACommitment_RefusesAnApplicantFlaggedForBadCredit_WithTheReason()
    {
        await SaveProfileAsync();
        await _host.Get<ApplicantProfiles>().RecordCreditAsync("applicant-chen", seriousBadCredit: true, falseCommitment: false, Actor.Operator("credit"));
        var id = await DraftWithAsync("application-form", "business-licence", "legal-representative-id");

        var refused = await Assert.ThrowsAsync<CasesException>(() => Submit.RunAsync(id, commitment: true, Chen));

        Assert.That(refused!.Code, Is.EqualTo("commitment-refused"));
        Assert.That(refused.Message, Does.Contain("serious bad credit"));
    }

    [Test]
    public async Task Upload_RefusesARenamedExecutable_NamingTheFileAndWhatItIs_AndStoresNothing()
    {
        var draft = await Drafts.CreateAsync(Matter, SeedParticulars.For(Matter), Chen);
        var executable = new byte[4096];
        "MZ"u8.CopyTo(executable);

        var refused = await Assert.ThrowsAsync<CasesException>(() =>
            Drafts.UploadAsync(draft.Id, "application-form", "form.pdf", new MemoryStream(executable), Chen));

        Assert.That(refused!.Code, Is.EqualTo("file-content-mismatch"));
        Assert.That(refused.Message, Does.Contain("form.pdf").And.Contain("executable"));
        Assert.That(StoredFileCount(), Is.Zero);
        Assert.That((await Reader.GetAsync(draft.Id, Chen)).Materials, Is.Empty);
    }

    [Test]
    public async Task Upload_RefusesATypeTheMaterialDoesNotAccept()
    {
        var draft = await Drafts.CreateAsync(Matter, SeedParticulars.For(Matter), Chen);

        var refused = await Assert.ThrowsAsync<CasesException>(() =>
            Drafts.UploadAsync(draft.Id, "application-form", "form.png", new MemoryStream(Png), Chen));

        Assert.That(refused!.Code, Is.EqualTo("file-type-not-accepted"));
        Assert.That(refused.Message, Does.Contain("form.png").And.Contain("pdf, ofd"));
    }

    [Test]
    public async Task Upload_OverTheApplicationsTotal_IsRefusedNamingTheLimit_AndStoresNothing()
    {
        var id = await DraftWithAsync("application-form");
        var big = new byte[1024 * 1024];
        Pdf.CopyTo(big, 0);

        var refused = await Assert.ThrowsAsync<CasesException>(() => Drafts.UploadAsync(id, "business-licence", "big.pdf", new MemoryStream(big), Chen));

        Assert.That(refused!.Code, Is.EqualTo("application-too-large"));
        Assert.That(refused.Message, Does.Contain("big.pdf").And.Contain("1 MB"));
        Assert.That(StoredFileCount(), Is.EqualTo(1), "only the first upload");
    }

    [Test]
    public async Task Upload_OfTheSameFileForTwoMaterials_StoresItOnce()
    {
        var draft = await Drafts.CreateAsync(Matter, SeedParticulars.For(Matter), Chen);

        var first = await Drafts.UploadAsync(draft.Id, "application-form", "a.pdf", new MemoryStream(Pdf), Chen);
        var second = await Drafts.UploadAsync(draft.Id, "business-licence", "b.pdf", new MemoryStream(Pdf), Chen);

        Assert.That(second.Sha256, Is.EqualTo(first.Sha256));
        Assert.That(StoredFileCount(), Is.EqualTo(1));
    }

    [Test]
    public async Task ASubmittedApplication_RefusesUploadsItDoesNotAwait_AndASecondSubmit()
    {
        var id = await DraftWithAsync("application-form", "business-licence", "legal-representative-id", "premises-layout");
        await Submit.RunAsync(id, commitment: false, Chen);

        // A key material handed in (not deferred, no correction asks for it) takes no new file.
        var upload = await Assert.ThrowsAsync<CasesException>(() => Drafts.UploadAsync(id, "application-form", "form.pdf", new MemoryStream(Pdf), Chen));
        var again = await Assert.ThrowsAsync<CasesException>(() => Submit.RunAsync(id, commitment: false, Chen));

        Assert.That(upload!.Code, Is.EqualTo("application-submitted"));
        Assert.That(again!.Code, Is.EqualTo("application-submitted"));
        Assert.That(again.Kind, Is.EqualTo(RefusalKind.Conflict));
        await using var db = _host.Db();
        Assert.That(await db.Cases.CountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task AnotherApplicant_FindsNoSuchApplication()
    {
        var id = await DraftWithAsync("application-form");

        var read = await Assert.ThrowsAsync<CasesException>(() => Reader.GetAsync(id, Liu));
        var upload = await Assert.ThrowsAsync<CasesException>(() => Drafts.UploadAsync(id, "business-licence", "b.pdf", new MemoryStream(Pdf), Liu));
        var submit = await Assert.ThrowsAsync<CasesException>(() => Submit.RunAsync(id, false, Liu));

        Assert.That(new[] { read!.Code, upload!.Code, submit!.Code }, Is.All.EqualTo("unknown-application"));
        Assert.That(await Reader.ListAsync(Liu), Is.Empty);
        Assert.That((await Reader.ListAsync(Chen)).Select(a => a.Id), Is.EqualTo(new[] { id }));
    }

    private Task SaveProfileAsync() => _host.Get<ApplicantProfiles>().SaveAsync(new ProfileInput(
        "enterprise", "上海某某餐饮有限公司", "91350100M000100Y43", new PersonInput("陈静", "11010519491231002X")), Chen);
}
