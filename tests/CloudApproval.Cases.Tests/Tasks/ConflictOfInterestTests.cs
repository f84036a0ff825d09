using System.Text.Json.Nodes;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Tasks;

/// <summary>A task kept apart from another (notSameAs): the hearing officer is not the reviewer (art. 48).</summary>
public sealed class ConflictOfInterestTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private string _caseId = null!;

    private static JsonObject Hearing() => JsonNode.Parse("""
        {
          "definitionId": "hearing-officer",
          "version": 1,
          "name": "Hearing officer is not the reviewer (test procedure)",
          "variables": [],
          "activities": [
            { "id": "start", "type": "Start", "inputs": {} },
            { "id": "review", "type": "UserTask", "inputs": { "title": "Review", "role": "reviewer", "department": "planning", "outcomes": ["hearing"] } },
            { "id": "hearing", "type": "UserTask", "inputs": { "title": "Hold the hearing", "role": "reviewer", "department": "planning", "outcomes": ["held"], "notSameAs": "review" } },
            { "id": "end", "type": "End", "inputs": { "outcome": "approved" } }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "review" },
            { "source": "review", "outcome": "hearing", "target": "hearing" },
            { "source": "hearing", "outcome": "held", "target": "end" }
          ]
        }
        """)!.AsObject();

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, new ManualClock(ManualClock.MondayMorning));
        var workflows = _folder.File("workflows");
        Procedures.Write(workflows, Hearing());
        await _host.ImportAsync(workflows);
        _caseId = (await _host.Runtime.StartAsync("hearing-officer", null, null, Actor.Operator("applicant-chen"))).CaseId;
        var review = await _host.OpenTaskAsync(_caseId, "review");
        await _host.Tasks.CompleteAsync(review.Id, "hearing", null, Actor.Operator("reviewer-li"));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private Task<WorkTask> HearingAsync() => _host.OpenTaskAsync(_caseId, "hearing");

    /// <summary>The operation is refused for a conflict of interest naming the other task, and nothing in the database changed.</summary>
    private async Task RefusedAsync(Func<long, Task> operation)
    {
        var hearing = await HearingAsync();
        var before = RawSql.Dump(_host.Database);

        var error = await Expect.RefusedAsync(() => operation(hearing.Id));

        var review = (await _host.TasksOfAsync(_caseId)).Single(t => t.ActivityId == "review");
        Assert.That(error.Code, Is.EqualTo("conflict-of-interest"));
        Assert.That(error.Message, Does.Contain($"they hold task {review.Id} ('Review', activity 'review')"));
        Assert.That(RawSql.Dump(_host.Database), Is.EqualTo(before), "the database is unchanged");
    }

    [Test]
    public Task Claim_ByTheReviewer_IsRefused() => RefusedAsync(id => _host.Tasks.ClaimAsync(id, Actor.Operator("reviewer-li")));

    [Test]
    public Task Assign_ToTheReviewer_IsRefused() => RefusedAsync(id => _host.Tasks.AssignAsync(id, Actor.Operator("reviewer-li"), Actor.Operator("head-zhou")));

    [Test]
    public Task Complete_ByTheReviewer_IsRefused() => RefusedAsync(id => _host.Tasks.CompleteAsync(id, "held", null, Actor.Operator("reviewer-li")));

    [Test]
    public async Task AnotherPerson_ClaimsAndCompletes()
    {
        var hearing = await HearingAsync();

        await _host.Tasks.ClaimAsync(hearing.Id, Actor.Operator("officer-wang"));
        await _host.Tasks.CompleteAsync(hearing.Id, "held", null, Actor.Operator("officer-wang"));

        Assert.That((await _host.CaseAsync(_caseId)).Outcome, Is.EqualTo("approved"));
    }
}
