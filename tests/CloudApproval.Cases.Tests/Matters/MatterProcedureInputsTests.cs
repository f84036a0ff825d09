using System.Text.Json.Nodes;
using CloudApproval.Cases.Applications;
using CloudApproval.Cases.Tests.Support;
using static CloudApproval.Cases.Tests.Applications.OnlineApplicant;

namespace CloudApproval.Cases.Tests.Matters;

/// <summary>
/// A matter sets its procedure's variables for every case (collaboration per matter): the commercial complex's joint
/// review consults greening and market supervision within 5 working days, on the matter's word, not the procedure's default.
/// </summary>
public sealed class MatterProcedureInputsTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;

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
    public async Task An_application_for_the_joint_matter_gets_one_merged_correction_notice_then_consults_the_departments_the_matter_names()
    {
        var drafts = _host.Get<ApplicationDrafts>();
        var draft = await drafts.CreateAsync("commercial-complex-joint-review", SeedParticulars.For("commercial-complex-joint-review"), Chen);
        foreach (var code in new[] { "application-form", "business-licence", "site-plan", "green-space-scheme" })
            await drafts.UploadAsync(draft.Id, code, code + ".pdf", new MemoryStream(Pdf(code)), Chen);
        var caseId = (await _host.Get<SubmitApplication>().RunAsync(draft.Id, false, Chen)).Outcome.CaseId;

        // One acceptance for all: the lead and each consulted department check their materials first (art. 32, 5 working days).
        var checks = (await _host.TasksOfAsync(caseId)).Where(t => t.ActivityId == "check-materials").ToList();
        Assert.That(checks.Select(t => t.Department), Is.EquivalentTo(new[] { "planning-resources", "greening-city-appearance", "market-supervision" }));
        Assert.That(checks.Select(t => t.DueDate), Is.All.EqualTo((DateOnly?)new DateOnly(2026, 3, 9)));
        await CheckAsync(checks, "greening-city-appearance", "corrections-needed", "the green-space table is not signed");
        await CheckAsync(checks, "market-supervision", "corrections-needed", "the business licence copy is expired\nthe fire-safety plan is missing");
        Assert.That(await NoticesAsync(caseId, "correction-request"), Is.Empty, "nothing goes out while a department is still checking");
        await CheckAsync(checks, "planning-resources", "complete", null);

        var merged = await NoticesAsync(caseId, "correction-request");
        Assert.That(merged, Has.Count.EqualTo(1), "one notice for every department's items");
        var items = JsonNode.Parse(merged[0].DataJson!)!["items"]!["corrections"]!.AsArray().Select(i => (string)i!);
        Assert.That(items, Is.EqualTo(new[]
        {
            "greening-city-appearance: the green-space table is not signed",
            "market-supervision: the business licence copy is expired",
            "market-supervision: the fire-safety plan is missing",
        }));
        Assert.That((await _host.StateAsync(caseId)).Clock, Is.Null, "not accepted yet: no decision clock runs");

        await _host.Runtime.SendEventAsync(caseId, "correction-submitted", new JsonObject { ["materials"] = new JsonArray("green-space-scheme", "business-licence") }, Chen);

        var state = await _host.StateAsync(caseId);
        var opinions = (await _host.TasksOfAsync(caseId)).Where(t => t.ActivityId == "opinion").ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(state.Clock?.Status, Is.EqualTo(CloudApproval.Engine.Runtime.ClockStatus.Running));
            Assert.That(state.Variables["leadDepartment"]!.GetValue<string>(), Is.EqualTo("planning-resources"));
            Assert.That(state.Variables["silencePolicy"]!.GetValue<string>(), Is.EqualTo("escalate"));
            Assert.That(state.Variables["consultOnDissent"]!.GetValue<bool>(), Is.True);
            Assert.That(state.Variables["consultationSuperior"]!.GetValue<string>(), Is.EqualTo("municipal-government"), "the matter names the common superior");
            Assert.That(opinions.Select(t => t.Department), Is.EquivalentTo(new[] { "greening-city-appearance", "market-supervision" }));
            // Monday 2 March 2026 + 5 working days.
            Assert.That(opinions.Select(t => t.DueDate), Is.All.EqualTo((DateOnly?)new DateOnly(2026, 3, 9)));
            Assert.That(state.Input["department"]!.GetValue<string>(), Is.EqualTo("planning-resources"), "the matter's department, set by the product");
        }
    }

    private async Task CheckAsync(List<CloudApproval.Cases.Tasks.WorkTask> checks, string department, string outcome, string? corrections)
    {
        var task = checks.Single(t => t.Department == department);
        var data = corrections is null ? null : new JsonObject { ["corrections"] = corrections };
        var done = await _host.Tasks.CompleteAsync(task.Id, outcome, data, Actor.Operator("clerk-of-" + department));
        Assert.That(done.Faulted, Is.False);
    }

    private async Task<List<CloudApproval.Cases.Instances.Notice>> NoticesAsync(string caseId, string type)
    {
        await using var db = _host.Db();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Notices.Where(n => n.CaseId == caseId && n.NoticeType == type));
    }
}
