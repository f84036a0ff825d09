using System.Text.Json.Nodes;
using CloudApproval.Cases.Applications;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CloudApproval.Cases.Tests.Applications.OnlineApplicant;

namespace CloudApproval.Cases.Tests.Applications;

/// <summary>
/// Corrections (补正, art. 32) of an application made online, on the commitment procedure (food business licence): the
/// clerk's structured one-time notice, the applicant's online answer with new versions of the materials, the case moving on.
/// </summary>
public sealed class CorrectionsTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private ManualClock _clock = null!;

    private RequestCorrections Request => _host.Get<RequestCorrections>();
    private AnswerCorrections Answer => _host.Get<AnswerCorrections>();
    private ApplicationDrafts Drafts => _host.Get<ApplicationDrafts>();
    private ApplicationReader Reader => _host.Get<ApplicationReader>();

    private static readonly CorrectionItemInput Unreadable = new("business-licence", "the copy is unreadable", "upload a clear colour scan of the whole licence");

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _clock = new ManualClock(ManualClock.MondayMorning);
        _host = await CasesHost.StartAsync(_folder, _clock);
        await _host.ImportAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<(string ApplicationId, string CaseId, CorrectionRequestView Request)> RequestedAsync(params CorrectionItemInput[] items)
    {
        var (id, caseId) = await SubmittedAsync(_host, Chen);
        var task = await _host.OpenTaskAsync(caseId, "pre-review");
        var request = await Request.RunAsync(task.Id, items.Length > 0 ? items : [Unreadable], ClerkLi);
        return (id, caseId, request);
    }

    [Test]
    public async Task ACorrectionRound_ClerkListsItems_ApplicantSeesThem_AnswersWithANewFile_AndTheCaseMovesOn()
    {
        var (id, caseId, request) = await RequestedAsync(Unreadable,
            new CorrectionItemInput("premises-layout", "the storage area is missing", "add the storage area to the layout"));

        var open = await Reader.OpenCorrectionsAsync(Chen, _clock.GetUtcNow().UtcDateTime);
        Assert.That(open, Has.Count.EqualTo(1));
        Assert.That(open[0].Items.Select(i => (i.Material, i.Problem, i.Fix)), Is.EqualTo(new[]
        {
            ("business-licence", "the copy is unreadable", "upload a clear colour scan of the whole licence"),
            ("premises-layout", "the storage area is missing", "add the storage area to the layout"),
        }));
        Assert.That(open[0].Deadline, Is.Not.Null.And.GreaterThan(_clock.GetUtcNow().UtcDateTime));
        Assert.That(open[0].Consequence, Does.Contain("deemed withdrawn"));

        // The case's one notice carries every item, the deadline and the consequence.
        await using (var db = _host.Db())
        {
            var notice = await db.Notices.SingleAsync(n => n.CaseId == caseId && n.NoticeType == "correction-request");
            var data = JsonNode.Parse(notice.DataJson!)!;
            Assert.That(data["correctionItems"]!.AsArray().Select(i => (string?)i!["material"]), Is.EqualTo(new[] { "business-licence", "premises-layout" }));
            Assert.That((string?)data["deadline"], Is.Not.Null);
            Assert.That((string?)data["consequence"], Does.Contain("deemed withdrawn"));
            Assert.That((string?)data["items"]!["corrections"], Does.Contain("business-licence").And.Contain("premises-layout"));
        }

        var newFile = await Drafts.UploadAsync(id, "business-licence", "licence-clear.pdf", new MemoryStream(Pdf("clear")), Chen);
        await Drafts.UploadAsync(id, "premises-layout", "layout-v2.pdf", new MemoryStream(Pdf("layout v2")), Chen);
        Assert.That(newFile.Version, Is.EqualTo(2));
        Assert.That(newFile.Pending, Is.True);

        var answer = await Answer.RunAsync(id, ["business-licence", "premises-layout"], Chen);

        var application = await Reader.GetAsync(id, Chen);
        var review = await _host.OpenTaskAsync(caseId, "review-correction");
        var report = await _host.Get<VerifyApplication>().RunAsync(caseId, ClerkLi);
        await using var after = _host.Db();
        var versions = await after.ApplicationMaterials.Where(m => m.ApplicationId == id && m.MaterialCode == "business-licence").OrderBy(m => m.Version).ToListAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(answer.Revision, Is.EqualTo(2));
            Assert.That(review.Department, Is.EqualTo("market-supervision"));
            Assert.That(application.Materials.Single(m => m.Code == "business-licence").FileName, Is.EqualTo("licence-clear.pdf"));
            Assert.That(versions.Select(v => (v.Version, v.SupersededAt is null)), Is.EqualTo(new[] { (1, false), (2, true) }), "the old version is kept, superseded");
            Assert.That(await Reader.OpenCorrectionsAsync(Chen, _clock.GetUtcNow().UtcDateTime), Is.Empty);
            Assert.That(report.Valid, Is.True, string.Join("; ", report.Problems));
            Assert.That(report.Statements.Where(s => s.Kind == StatementKinds.Application).Select(s => s.Revision), Is.EqualTo(new[] { 1, 2 }));
            var journal = (await _host.AuditAsync(caseId)).Select(e => e.Action).ToList();
            Assert.That(journal, Does.Contain("event-received"));
            Assert.That((await _host.VerifyAsync(caseId)).Intact, Is.True, "the notice's items are covered by the audit chain");
            Assert.That(await _host.Get<CloudApproval.Cases.Audit.ConsistencyCheck>().RunAsync(Actor.Operator("auditor")), Is.Empty);
        }
    }

    [Test]
    public async Task ARequestNamingAnUnknownMaterial_IsRefusedNamingIt_AndTheTaskStaysOpen()
    {
        var (_, caseId) = await SubmittedAsync(_host, Chen);
        var task = await _host.OpenTaskAsync(caseId, "pre-review");

        var refused = await Assert.ThrowsAsync<CasesException>(() => Request.RunAsync(task.Id,
            [Unreadable, new CorrectionItemInput("lease-contract", "missing", "upload it"), new CorrectionItemInput("premises-layout", " ", "")], ClerkLi));

        Assert.That(refused!.Code, Is.EqualTo("invalid-correction-items"));
        Assert.That(refused.Message, Does.Contain("items[1].material").And.Contain("'lease-contract'").And.Contain("items[2].problem").And.Contain("items[2].fix"));
        Assert.That((await _host.OpenTaskAsync(caseId, "pre-review")).Status, Is.Not.EqualTo(CloudApproval.Cases.Tasks.WorkTaskStatus.Completed));
        await using var db = _host.Db();
        Assert.That(await db.CorrectionRequests.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task CompletingPreReviewWithRequestCorrection_OnAnOnlineApplication_IsRefused_PointingToTheStructuredRequest()
    {
        var (_, caseId) = await SubmittedAsync(_host, Chen);
        var task = await _host.OpenTaskAsync(caseId, "pre-review");

        var refused = await Assert.ThrowsAsync<CasesException>(() =>
            _host.Tasks.CompleteAsync(task.Id, "request-correction", new JsonObject { ["corrections"] = "licence unreadable" }, ClerkLi));

        Assert.That(refused!.Code, Is.EqualTo("correction-items-required"));
    }

    [Test]
    public async Task AnsweringWithAMaterialNotAskedFor_IsRefusedNamingIt()
    {
        var (id, _, _) = await RequestedAsync();
        await Drafts.UploadAsync(id, "business-licence", "clear.pdf", new MemoryStream(Pdf("clear")), Chen);

        var refused = await Assert.ThrowsAsync<CasesException>(() => Answer.RunAsync(id, ["business-licence", "premises-layout"], Chen));
        var upload = await Assert.ThrowsAsync<CasesException>(() => Drafts.UploadAsync(id, "premises-layout", "x.pdf", new MemoryStream(Pdf("x")), Chen));

        Assert.That(refused!.Code, Is.EqualTo("material-not-requested"));
        Assert.That(refused.Message, Does.Contain("'premises-layout'"));
        Assert.That(refused.Kind, Is.EqualTo(RefusalKind.Invalid));
        Assert.That(upload!.Code, Is.EqualTo("material-not-requested"));
    }

    [Test]
    public async Task AnsweringWithoutTheUploadedFile_IsRefused()
    {
        var (id, _, _) = await RequestedAsync();

        var refused = await Assert.ThrowsAsync<CasesException>(() => Answer.RunAsync(id, ["business-licence"], Chen));

        Assert.That(refused!.Code, Is.EqualTo("correction-file-missing"));
        Assert.That(refused.Message, Does.Contain("business-licence"));
    }

    [Test]
    public async Task AnsweringARequestThatIsNotOpen_IsAConflict_AndChangesNothing()
    {
        var (id, caseId, _) = await RequestedAsync();
        await Drafts.UploadAsync(id, "business-licence", "clear.pdf", new MemoryStream(Pdf("clear")), Chen);
        await Answer.RunAsync(id, ["business-licence"], Chen);

        var again = await Assert.ThrowsAsync<CasesException>(() => Answer.RunAsync(id, ["business-licence"], Chen));
        var (other, _) = await SubmittedAsync(_host, Chen);
        var never = await Assert.ThrowsAsync<CasesException>(() => Answer.RunAsync(other, ["business-licence"], Chen));

        Assert.That(new[] { again!.Code, never!.Code }, Is.All.EqualTo("correction-not-open"));
        Assert.That(again.Kind, Is.EqualTo(RefusalKind.Conflict));
        Assert.That(again.Message, Does.Contain("answered already"));
        Assert.That((await Reader.GetAsync(id, Chen)).Revision, Is.EqualTo(2));
        Assert.That((await _host.CaseAsync(caseId)).Status, Is.EqualTo(CaseStatus.Running));
    }

    [Test]
    public async Task ARequestPastItsDeadline_CannotBeAnswered()
    {
        var (id, _, request) = await RequestedAsync();
        await Drafts.UploadAsync(id, "business-licence", "clear.pdf", new MemoryStream(Pdf("clear")), Chen);
        _clock.Set(new DateTimeOffset(request.Deadline!.Value, TimeSpan.Zero).AddMinutes(1));

        var refused = await Assert.ThrowsAsync<CasesException>(() => Answer.RunAsync(id, ["business-licence"], Chen));

        Assert.That(refused!.Code, Is.EqualTo("correction-not-open"));
        Assert.That(refused.Message, Does.Contain("ended"));
        Assert.That(await Reader.OpenCorrectionsAsync(Chen, _clock.GetUtcNow().UtcDateTime), Is.Empty);
    }

    [Test]
    public async Task AnotherApplicant_CannotSeeOrAnswerTheRequest()
    {
        var (id, _, _) = await RequestedAsync();

        var answer = await Assert.ThrowsAsync<CasesException>(() => Answer.RunAsync(id, ["business-licence"], Liu));

        Assert.That(answer!.Code, Is.EqualTo("unknown-application"));
        Assert.That(await Reader.OpenCorrectionsAsync(Liu, _clock.GetUtcNow().UtcDateTime), Is.Empty);
    }
}
