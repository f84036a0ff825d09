using System.Text.Json.Nodes;
using CloudApproval.Cases.Applications;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Tests.Matters;
using CloudApproval.Cases.Tests.Support;
using static CloudApproval.Cases.Tests.Applications.OnlineApplicant;

namespace CloudApproval.Cases.Tests.Access;

/// <summary>
/// Scoped sharing (measure 8): a department asked for its opinion on another department's case reads the questions and
/// the materials the lead shared with it while its request is open, and nothing else of the case; once it has answered,
/// the case is unknown to it again. The lead department reads the whole case throughout.
/// </summary>
public sealed class ScopedSharingTests
{
    private static readonly Actor Lin = new("clerk-lin", null, [ActorRoles.Clerk], ["greening-city-appearance"], ["reviewer"]);
    private static readonly Actor Wang = new("clerk-wang", null, [ActorRoles.Clerk], ["planning-resources"], ["reviewer"]);
    private static readonly Actor Zhao = new("clerk-zhao", null, [ActorRoles.Clerk], ["human-resources"], ["reviewer"]);

    private TempFolder _folder = null!;
    private CasesHost _host = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, new ManualClock(ManualClock.MondayMorning));
        // The commercial complex without the joint receipt check (so the consulted departments only answer opinion
        // requests), sharing the site plan with them.
        var workflows = Procedures.CopySeeds(_folder, "joint-review");
        foreach (var version in Directory.GetFiles(Path.Combine(Repo.Workflows, "joint-review"), "v*.json").Where(f => !f.EndsWith("v1.json", StringComparison.Ordinal)))
            File.Copy(version, Path.Combine(workflows, "joint-review", Path.GetFileName(version)));
        var matter = MatterFiles.LoadSeed("commercial-complex-joint-review");
        var inputs = matter["procedure"]!["inputs"]!.AsObject();
        inputs["receiptCheck"] = false;
        inputs["sharedMaterials"] = new JsonArray("site-plan");
        MatterFiles.Write(workflows, matter);
        await _host.ImportAsync(workflows);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private CaseHistory History => _host.Get<CaseHistory>();
    private CaseMaterials Materials => _host.Get<CaseMaterials>();

    private async Task<string> AppliedAsync()
    {
        var drafts = _host.Get<ApplicationDrafts>();
        var draft = await drafts.CreateAsync("commercial-complex-joint-review", SeedParticulars.For("commercial-complex-joint-review"), Chen);
        foreach (var code in new[] { "application-form", "business-licence", "site-plan", "green-space-scheme" })
            await drafts.UploadAsync(draft.Id, code, code + ".pdf", new MemoryStream(Pdf(code)), Chen);
        return (await _host.Get<SubmitApplication>().RunAsync(draft.Id, false, Chen)).Outcome.CaseId;
    }

    [Test]
    public async Task A_consulted_department_reads_only_the_shared_slice_while_its_request_is_open()
    {
        var caseId = await AppliedAsync();

        var slice = await History.GetAsync(caseId, Lin);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(slice.SharedMaterials, Is.EqualTo(new[] { "site-plan" }));
            Assert.That(slice.Case.Id, Is.EqualTo(caseId));
            Assert.That(slice.Tasks.Select(t => (t.ActivityId, t.Department)), Is.EqualTo(new[] { ("opinion", "greening-city-appearance") }),
                "its own request, not the lead's or the other department's tasks");
            Assert.That(slice.Input, Is.Null, "no application data");
            Assert.That(slice.Variables, Is.Null, "no other department's opinion");
            Assert.That(slice.Timeline, Is.Empty);
            Assert.That(slice.Notices, Is.Empty);
            Assert.That(slice.Timers, Is.Empty);
            Assert.That((await Materials.ListAsync(caseId, Lin)).Select(m => m.Code), Is.EqualTo(new[] { "site-plan" }));
        }
        var shared = await Materials.OpenAsync(caseId, "site-plan", null, Lin);
        await shared.Content.DisposeAsync();
        Assert.That(shared.FileName, Is.EqualTo("site-plan.pdf"));
        await RefusedAsync("unknown-material", () => Materials.OpenAsync(caseId, "business-licence", null, Lin));
        await RefusedAsync("unknown-case", () => History.TimelineAsync(caseId, Lin));
        await RefusedAsync("unknown-case", () => _host.Get<AuditTrail>().PageAsync(caseId, Lin));
        var listed = await _host.Get<CaseList>().ListAsync(new CaseQuery(), Lin);
        Assert.That(listed.Cases.Select(c => c.Id), Does.Not.Contain(caseId), "a slice is no case of the department's: not in its lists");

        var whole = await History.GetAsync(caseId, Wang);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(whole.SharedMaterials, Is.Null, "the lead department reads the whole case");
            Assert.That(whole.Input, Is.Not.Null);
            Assert.That(whole.Tasks.Select(t => t.Department), Does.Contain("greening-city-appearance").And.Contain("market-supervision"));
            Assert.That((await Materials.ListAsync(caseId, Wang)).Select(m => m.Code), Is.EquivalentTo(new[] { "application-form", "business-licence", "site-plan", "green-space-scheme" }));
        }
        await RefusedAsync("unknown-case", () => History.GetAsync(caseId, Zhao));
    }

    [Test]
    public async Task The_slice_closes_with_the_request()
    {
        var caseId = await AppliedAsync();
        var request = (await _host.TasksOfAsync(caseId)).Single(t => t.ActivityId == "opinion" && t.Department == "greening-city-appearance");

        await _host.Tasks.CompleteAsync(request.Id, "agree", null, Lin);

        await RefusedAsync("unknown-case", () => History.GetAsync(caseId, Lin));
        await RefusedAsync("unknown-case", () => Materials.ListAsync(caseId, Lin));
        await RefusedAsync("unknown-case", () => Materials.OpenAsync(caseId, "site-plan", null, Lin));
        Assert.That((await _host.Get<TaskInbox>().GetAsync(request.Id, Lin)).Outcome, Is.EqualTo("agree"), "its own answer stays its to read");
        Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Actor.Operator("auditor")), Is.Empty);
    }

    private static async Task RefusedAsync(string code, Func<Task> operation) =>
        Assert.That((await Expect.RefusedAsync(operation)).Code, Is.EqualTo(code));
}
