using System.Text.Json.Nodes;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Tasks;

/// <summary>
/// The seed online-hearing procedure on the durable runtime: whoever held the hearing may not decide the case
/// (art. 48: the hearing officer is not the reviewer; the decision is made on the record).
/// </summary>
public sealed class HearingOfficerSeedTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder);
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "online-hearing"));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Test]
    public async Task Review_ByTheHearingOfficer_IsRefused_AndAnotherReviewerDecides()
    {
        // The hearing notice period is made two seconds long so that a real Hangfire timer opens the session.
        var caseId = (await _host.Runtime.StartAsync("online-hearing", null, new JsonObject { ["hearingNoticePeriod"] = "2s" }, Actor.Operator("applicant-chen"))).CaseId;
        await _host.Tasks.CompleteAsync((await _host.OpenTaskAsync(caseId, "pre-review")).Id, "accept", null, Actor.Operator("clerk-xu"));
        await _host.Runtime.SendEventAsync(caseId, "hearing-requested", new JsonObject { ["by"] = "resident of building 12" }, Actor.Operator("neighbour-wu"));
        await _host.Tasks.CompleteAsync((await _host.OpenTaskAsync(caseId, "organise-hearing")).Id, "organised",
            new JsonObject { ["hearingOfficer"] = "officer-ma", ["place"] = "online hearing room 3" }, Actor.Operator("head-zhou"));
        await _host.StartTimerServerAsync();
        var session = await Poll.UntilAsync(async () => (await _host.TasksOfAsync(caseId)).Find(t => t.ActivityId == "hearing-session"), "the hearing to open");
        await _host.Tasks.CompleteAsync(session.Id, "held", new JsonObject { ["participants"] = "applicant; resident of building 12; reviewer" }, Actor.Operator("officer-ma"));
        await _host.Runtime.SendEventAsync(caseId, "record-confirmed", null, Actor.Operator("applicant-chen"));
        var review = await _host.OpenTaskAsync(caseId, "review");
        var opinion = new JsonObject { ["opinion"] = "on the record: daylight standard met" };

        var error = await Expect.RefusedAsync(() => _host.Tasks.CompleteAsync(review.Id, "approve", opinion, Actor.Operator("officer-ma")));

        Assert.That(error.Code, Is.EqualTo("conflict-of-interest"));
        Assert.That(error.Message, Does.Contain($"task {session.Id}"));
        await _host.Tasks.CompleteAsync(review.Id, "approve", (JsonObject)opinion.DeepClone(), Actor.Operator("reviewer-gu"));
        Assert.That((await _host.CaseAsync(caseId)).Outcome, Is.EqualTo("approved"));
    }
}
