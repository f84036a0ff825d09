using System.Text.Json.Nodes;
using CloudApproval.Cases.Applications;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CloudApproval.Cases.Tests.Applications.OnlineApplicant;

namespace CloudApproval.Cases.Tests.Applications;

/// <summary>
/// The 容缺 supplement online, on the deficiency procedure (outdoor advertising permit, greening-city-appearance): the
/// applicant submits without the two deferrable materials, uploads them later, and hands them in at once; the case waiting
/// for them moves on, and the application is re-signed with nothing deferred.
/// </summary>
public sealed class SupplementTests
{
    private const string Advertising = "outdoor-advertising-permit";
    private static readonly string[] Keys = ["application-form", "business-licence", "site-rights", "design-drawings"];
    private static readonly string[] Deferred = ["liability-insurance", "structural-safety-report"];
    private static readonly Actor ClerkLin = new("clerk-lin", null, [ActorRoles.Clerk], ["greening-city-appearance"], ["intake-clerk", "reviewer"]);

    private TempFolder _folder = null!;
    private CasesHost _host = null!;

    private ApplicationDrafts Drafts => _host.Get<ApplicationDrafts>();
    private SupplementDeferred Supplements => _host.Get<SupplementDeferred>();

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

    private async Task<(string ApplicationId, string CaseId)> SubmittedWithDeferralsAsync()
    {
        var draft = await Drafts.CreateAsync(Advertising, SeedParticulars.For(Advertising), Chen);
        foreach (var code in Keys) await Drafts.UploadAsync(draft.Id, code, code + ".pdf", new MemoryStream(Pdf(code)), Chen);
        var submission = await _host.Get<SubmitApplication>().RunAsync(draft.Id, false, Chen);
        Assert.That(submission.Receipt.Deferred, Is.EquivalentTo(Deferred));
        return (draft.Id, submission.Outcome.CaseId);
    }

    private async Task UploadDeferredAsync(string applicationId)
    {
        foreach (var code in Deferred) await Drafts.UploadAsync(applicationId, code, code + ".pdf", new MemoryStream(Pdf(code + "-later")), Chen);
    }

    private async Task<Application> ApplicationAsync(string id)
    {
        await using var db = _host.Db();
        return await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    [Test]
    public async Task The_deferred_materials_handed_in_together_move_the_waiting_case_on_and_re_sign_the_application()
    {
        var (id, caseId) = await SubmittedWithDeferralsAsync();
        await _host.Tasks.CompleteAsync((await _host.OpenTaskAsync(caseId, "pre-review")).Id, "accept-with-deficiency",
            new JsonObject { ["missingMaterials"] = "结构安全检测报告、公众责任保险" }, ClerkLin);
        await _host.Runtime.SendEventAsync(caseId, "commitment-signed", null, Chen);
        await UploadDeferredAsync(id);

        var supplement = await Supplements.RunAsync(id, Deferred, Chen);

        Assert.That((supplement.Revision, supplement.CaseFaulted), Is.EqualTo((2, false)));
        Assert.That(supplement.Materials.Select(m => m.Code), Is.EqualTo(Deferred));
        Assert.That((await ApplicationAsync(id)).DeferredJson, Is.EqualTo("[]"));
        Assert.That(await _host.OpenTaskAsync(caseId, "review"), Is.Not.Null);
        var state = await _host.StateAsync(caseId);
        Assert.That(state.CompletedActivities, Does.Contain("wait-supplement"), "the wait for them ended");
        Assert.That((await _host.Get<VerifyApplication>().RunAsync(caseId, Chen)).Valid, Is.True);
    }

    [Test]
    public async Task A_partial_a_foreign_or_an_unawaited_supplement_is_refused_and_changes_nothing()
    {
        var (id, caseId) = await SubmittedWithDeferralsAsync();
        var notAwaited = await Assert.ThrowsAsync<CasesException>(() =>
            Drafts.UploadAsync(id, "application-form", "form.pdf", new MemoryStream(Pdf("again")), Chen));
        Assert.That(notAwaited!.Code, Is.EqualTo("application-submitted"), "a key material handed in is not replaced without a correction request");
        await UploadDeferredAsync(id);

        var partial = await Assert.ThrowsAsync<CasesException>(() => Supplements.RunAsync(id, ["liability-insurance"], Chen));
        Assert.That((partial!.Code, partial.Message), Is.EqualTo(("supplement-incomplete",
            "materials: the undertaking supplements every deferred material at once; also supply structural-safety-report")));
        var foreign = await Assert.ThrowsAsync<CasesException>(() => Supplements.RunAsync(id, [.. Deferred, "site-rights"], Chen));
        Assert.That(foreign!.Code, Is.EqualTo("material-not-deferred"));
        var others = await Assert.ThrowsAsync<CasesException>(() => Supplements.RunAsync(id, Deferred, Liu));
        Assert.That(CasesException.KindOf(others!.Code), Is.EqualTo(RefusalKind.NotFound));

        // The pre-review is still open: the case does not wait for the materials yet, and refuses them.
        var early = await Assert.ThrowsAsync<CasesException>(() => Supplements.RunAsync(id, Deferred, Chen));
        Assert.That(early!.Code, Does.StartWith("rejected"), early.Message);
        var application = await ApplicationAsync(id);
        Assert.That(application.Revision, Is.EqualTo(1));
        Assert.That(MaterialHandIn.Deferred(application), Is.EquivalentTo(Deferred));
        await using var db = _host.Db();
        Assert.That(await db.ApplicationMaterials.CountAsync(m => m.ApplicationId == id && m.Pending), Is.EqualTo(2), "the uploads wait, still pending");
    }
}
