using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudApproval.Engine.Json;
using CloudApproval.Engine.Simulation;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

/// <summary>
/// The four seed procedures, each through one of its scenarios, entirely over HTTP as the people who would do it: the
/// applicant starts the case and sends events, the demo clerks and heads whose department and duties fit each task
/// claim and complete it, and real Hangfire timers fire the shortened waiting periods (as the CLI's demo does).
/// </summary>
public sealed class SeedProceduresOverHttpTests
{
    private const string Applicant = "applicant-chen";

    /// <summary>
    /// The demo command's scenarios and short periods; each case runs in its procedure's own department (four
    /// departments in all), worked by that department's demo staff.
    /// </summary>
    private static readonly (string Procedure, string Scenario, string Overrides, bool ShortTimer)[] Runs =
    [
        ("deficiency-pending", "supplemented-approved", """{"supplementPeriod":"3s"}""", true),
        ("commitment", "approved-verified", "{}", false),
        ("remote-survey", "survey-passed-approved", """{"surveyNoticePeriod":"2s"}""", true),
        ("online-hearing", "hearing-approved", """{"hearingNoticePeriod":"2s"}""", true),
    ];

    private WebHost _host = null!;

    [OneTimeSetUp]
    public void StartHost() => _host = new WebHost();

    [OneTimeTearDown]
    public void StopHost() => _host.Dispose();

    private static IEnumerable<TestCaseData> Procedures() =>
        Runs.Select(r => new TestCaseData(r.Procedure, r.Scenario, r.Overrides, r.ShortTimer)
            .SetName($"Procedure_{r.Procedure}_RunsItsScenario_{r.Scenario}_OverHttp_ToItsExpectedOutcome_WithAnIntactAuditChain"));

    [TestCaseSource(nameof(Procedures))]
    public async Task SeedProcedure_RunsItsScenarioOverHttp(string procedure, string scenarioName, string overrides, bool shortTimer)
    {
        var path = Path.Combine(Repo.Workflows, procedure, "scenarios", scenarioName + ".json");
        var scenario = Scenario.Parse(JsonFiles.ReadText(path), path);
        var input = (JsonObject?)scenario.Input?.DeepClone() ?? [];
        foreach (var (key, value) in JsonNode.Parse(overrides)!.AsObject()) input[key] = value?.DeepClone();
        using var applicant = await _host.ClientForAsync(Applicant);
        using var auditor = await _host.ClientForAsync("auditor-sun");

        var caseId = await applicant.StartCaseAsync(procedure, input);
        foreach (var step in scenario.Steps)
        {
            // A rejected attempt is the engine's business (Engine.Tests); checks compare simulated dates, not real ones.
            if (step.ExpectRejection is not null) continue;
            if (step.Complete is { } activity) await CompleteAsync(auditor, caseId, activity, step.Outcome!, step.Data);
            else if (step.Event is { } name)
            {
                using var sent = await applicant.PostAsJsonAsync($"/api/cases/{caseId}/events/{name}", step.Payload ?? []);
                await sent.ExpectAsync(HttpStatusCode.OK, $"event {name}");
            }
            else if (step.Advance is not null || step.AdvanceTo is not null) await LetShortTimersFireAsync(auditor, caseId);
        }

        var file = await auditor.CaseFileAsync(caseId);
        var timeline = file["timeline"]!.AsArray();
        using var chain = await auditor.GetAsync($"/api/cases/{caseId}/audit");
        var audit = await chain.ExpectAsync(HttpStatusCode.OK, "case audit");
        using var verify = await auditor.GetAsync("/api/audit/verify");
        var all = await verify.ExpectAsync(HttpStatusCode.OK, "audit verify");
        using var consistency = await auditor.GetAsync("/api/audit/consistency");
        var consistent = await consistency.ExpectAsync(HttpStatusCode.OK, "consistency");
        Assert.Multiple(() =>
        {
            Assert.That((string?)file["case"]!["status"], Is.EqualTo(scenario.Expect.Status), file.ToJsonString());
            Assert.That((string?)file["case"]!["outcome"], Is.EqualTo(scenario.Expect.Outcome));
            if (scenario.Expect.NoticesSent is { } notices)
                Assert.That(file["notices"]!.AsArray().Select(n => (string?)n!["noticeType"]), Is.SupersetOf(notices), "notices sent");
            if (scenario.Expect.OpenTasks is { } open)
                Assert.That(file["tasks"]!.AsArray().Where(t => (string)t!["status"]! is "open" or "claimed").Select(t => (string?)t!["activityId"]),
                    Is.EquivalentTo(open), "open tasks");
            var fired = timeline.Count(e => (string)e!["action"]! == "timer-fired" && (string)e["actor"]! == "system:timer");
            if (shortTimer) Assert.That(fired, Is.GreaterThanOrEqualTo(1), "a shortened period ended through a Hangfire timer");
            Assert.That((bool)audit["verification"]!["intact"]!, Is.True, audit.ToJsonString());
            Assert.That((bool)all["intact"]!, Is.True, all.ToJsonString());
            Assert.That((bool)consistent["consistent"]!, Is.True, consistent.ToJsonString());
        });
    }

    /// <summary>
    /// Claims and completes the open task of <paramref name="activity"/> as the first fitting demo user; one the procedure
    /// keeps apart from another task they held (conflict-of-interest) is passed over for the next.
    /// </summary>
    private async Task CompleteAsync(HttpClient reader, string caseId, string activity, string outcome, JsonObject? data)
    {
        var task = await reader.OpenTaskAsync(caseId, activity);
        var id = (long)task["id"]!;
        var refusals = new List<string>();
        foreach (var user in DemoStaff.FittingTask(task))
        {
            using var clerk = await _host.ClientForAsync(user);
            using var claim = await clerk.PostAsync($"/api/tasks/{id}/claim", null);
            if (claim.StatusCode == HttpStatusCode.Forbidden)
            {
                var problem = await claim.JsonAsync();
                Assert.That((string?)problem["code"], Is.EqualTo("conflict-of-interest"), problem.ToJsonString());
                refusals.Add($"{user}: {problem["detail"]}");
                continue;
            }
            await claim.ExpectAsync(HttpStatusCode.NoContent, $"{user} claims {activity}");
            using var complete = await clerk.PostAsJsonAsync($"/api/tasks/{id}/complete", new JsonObject { ["outcome"] = outcome, ["data"] = data?.DeepClone() });
            await complete.ExpectAsync(HttpStatusCode.OK, $"{user} completes {activity} with {outcome}");
            return;
        }
        Assert.Fail($"no demo user could take '{activity}' (role {task["role"]}, {task["department"]}): {string.Join("; ", refusals)}");
    }

    /// <summary>Simulated time passes in a scenario; here the real timers due within the next 30 s must have fired.</summary>
    private static async Task LetShortTimersFireAsync(HttpClient reader, string caseId)
    {
        var horizon = DateTime.UtcNow.AddSeconds(30);
        await Poll.UntilAsync<bool>(async () =>
        {
            var timers = (await reader.CaseFileAsync(caseId))["timers"]!.AsArray();
            var due = timers.Any(t => (string)t!["status"]! == "pending"
                && DateTime.Parse((string)t["dueAt"]!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal) <= horizon);
            return due ? null : true;
        }, $"the short timers of case {caseId} to fire", TimeSpan.FromSeconds(60));
    }
}
