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
    public async Task An_application_for_the_joint_matter_consults_the_departments_the_matter_names_within_its_period()
    {
        var drafts = _host.Get<ApplicationDrafts>();
        var draft = await drafts.CreateAsync("commercial-complex-joint-review", new JsonObject { ["project"] = "静安商业综合体" }, Chen);
        foreach (var code in new[] { "application-form", "business-licence", "site-plan", "green-space-scheme" })
            await drafts.UploadAsync(draft.Id, code, code + ".pdf", new MemoryStream(Pdf(code)), Chen);
        var caseId = (await _host.Get<SubmitApplication>().RunAsync(draft.Id, false, Chen)).Outcome.CaseId;

        var state = await _host.StateAsync(caseId);
        var opinions = (await _host.TasksOfAsync(caseId)).Where(t => t.ActivityId == "opinion").ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(state.Variables["leadDepartment"]!.GetValue<string>(), Is.EqualTo("planning-resources"));
            Assert.That(state.Variables["silencePolicy"]!.GetValue<string>(), Is.EqualTo("escalate"));
            Assert.That(opinions.Select(t => t.Department), Is.EquivalentTo(new[] { "greening-city-appearance", "market-supervision" }));
            // Monday 2 March 2026 + 5 working days.
            Assert.That(opinions.Select(t => t.DueDate), Is.All.EqualTo((DateOnly?)new DateOnly(2026, 3, 9)));
            Assert.That(state.Input["department"]!.GetValue<string>(), Is.EqualTo("planning-resources"), "the matter's department, set by the product");
        }
    }
}
