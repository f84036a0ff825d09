using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

/// <summary>
/// A start, an event and a completion answer <c>openedTasks</c>: the tasks the change opened that the caller may see, by
/// the rule of <c>GET /api/tasks/{id}</c>. A clerk takes the next task of their department from the answer; a clerk of
/// another department and an applicant are shown none of a department's tasks they could not open. Each "none" is paired
/// with the task being there for its own department's clerk, so an empty answer cannot pass by accident.
/// </summary>
public sealed class OpenedTasksApiTests
{
    private const string Planning = "planning-resources";

    // Intake (planning), a fork into planning's review and market supervision's opinion, joined before planning's
    // decision; then a wait for the applicant's documents before planning's final check.
    private static readonly JsonObject Procedure = JsonNode.Parse("""
        {"definitionId":"next-steps","version":1,"name":"Next steps (test procedure)",
         "activities":[{"id":"start","type":"Start"},
           {"id":"intake","type":"UserTask","inputs":{"title":"Intake","role":"intake-clerk","department":"planning-resources","outcomes":["done"]}},
           {"id":"fork","type":"Fork","inputs":{"branches":["a","b"]}},
           {"id":"review","type":"UserTask","inputs":{"title":"Review","role":"reviewer","department":"planning-resources","outcomes":["done"]}},
           {"id":"opinion","type":"UserTask","inputs":{"title":"Opinion","role":"reviewer","department":"market-supervision","outcomes":["done"]}},
           {"id":"join","type":"Join","inputs":{"fork":"fork"}},
           {"id":"decision","type":"UserTask","inputs":{"title":"Decision","role":"reviewer","department":"planning-resources","outcomes":["done"]}},
           {"id":"wait-docs","type":"WaitForEvent","inputs":{"event":"docs-arrived"}},
           {"id":"final","type":"UserTask","inputs":{"title":"Final check","role":"reviewer","department":"planning-resources","outcomes":["done"]}},
           {"id":"end","type":"End","inputs":{"outcome":"approved"}}],
         "connections":[{"source":"start","outcome":"done","target":"intake"},{"source":"intake","outcome":"done","target":"fork"},
           {"source":"fork","outcome":"a","target":"review"},{"source":"fork","outcome":"b","target":"opinion"},
           {"source":"review","outcome":"done","target":"join"},{"source":"opinion","outcome":"done","target":"join"},
           {"source":"join","outcome":"done","target":"decision"},{"source":"decision","outcome":"done","target":"wait-docs"},
           {"source":"wait-docs","outcome":"received","target":"final"},{"source":"final","outcome":"done","target":"end"}]}
        """)!.AsObject();

    private WebHost _host = null!;

    [OneTimeSetUp]
    public async Task PublishTheProcedure()
    {
        _host = new WebHost();
        using var analyst = await _host.ClientForAsync("analyst-zhao");
        using (var draft = await analyst.PutAsync("/api/procedures/next-steps/draft", HttpApi.Json(Procedure.ToJsonString())))
            await draft.ExpectAsync(HttpStatusCode.OK, "save the draft");
        using (var published = await analyst.PostAsync("/api/procedures/next-steps/draft/publish", null))
            await published.ExpectAsync(HttpStatusCode.OK, "publish");
    }

    [OneTimeTearDown]
    public void StopHost() => _host.Dispose();

    private static async Task<JsonArray> CompleteAsync(HttpClient clerk, long taskId)
    {
        using var response = await clerk.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new JsonObject { ["outcome"] = "done" });
        return (await response.ExpectAsync(HttpStatusCode.OK, $"complete task {taskId}"))["openedTasks"]!.AsArray();
    }

    /// <summary>The case's open tasks as <paramref name="clerk"/> lists them (the inbox filtered to the case).</summary>
    private static async Task<List<JsonNode>> OpenTasksAsync(HttpClient clerk, string caseId)
    {
        using var response = await clerk.GetAsync($"/api/tasks?mine=false&caseId={caseId}");
        return [.. (await response.ExpectAsync(HttpStatusCode.OK, $"tasks of {caseId}"))["tasks"]!.AsArray().Select(t => t!)];
    }

    private static long IdOf(List<JsonNode> tasks, string activity) => (long)tasks.Single(t => (string)t["activityId"]! == activity)["id"]!;

    /// <summary>
    /// A new case whose two branches are answered, planning's review first, then market supervision's opinion, which joins
    /// them and opens planning's decision; answers the case and the opinion's completion as clerk-li got it.
    /// </summary>
    private static async Task<(string CaseId, JsonArray ByLi)> JoinedAsync(HttpClient chen, HttpClient wang, HttpClient li)
    {
        var caseId = await chen.StartCaseAsync("next-steps");
        var opened = await CompleteAsync(wang, IdOf(await OpenTasksAsync(wang, caseId), "intake"));
        await CompleteAsync(wang, (long)opened.Single()!["id"]!);
        return (caseId, await CompleteAsync(li, IdOf(await OpenTasksAsync(li, caseId), "opinion")));
    }

    [Test]
    public async Task A_start_by_an_applicant_answers_an_empty_openedTasks_though_it_opened_a_task()
    {
        using var chen = await _host.ClientForAsync("applicant-chen");
        using var wang = await _host.ClientForAsync("clerk-wang");

        using var response = await chen.PostAsJsonAsync("/api/cases", new JsonObject { ["procedure"] = "next-steps" });

        var body = await response.ExpectAsync(HttpStatusCode.Created, "start");
        Assert.That(body["openedTasks"], Is.InstanceOf<JsonArray>().And.Empty);
        Assert.That((await OpenTasksAsync(wang, (string)body["caseId"]!)).Select(t => (string)t["activityId"]!), Is.EqualTo(new[] { "intake" }));
    }

    [Test]
    public async Task A_clerk_gets_the_next_task_of_their_department_only_and_completes_it_by_that_id()
    {
        using var chen = await _host.ClientForAsync("applicant-chen");
        using var wang = await _host.ClientForAsync("clerk-wang");
        var caseId = await chen.StartCaseAsync("next-steps");

        var opened = await CompleteAsync(wang, IdOf(await OpenTasksAsync(wang, caseId), "intake"));

        Assert.That(opened, Has.Count.EqualTo(1), opened.ToJsonString());
        var review = opened[0]!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)review["activityId"], Is.EqualTo("review"));
            Assert.That((string?)review["caseId"], Is.EqualTo(caseId));
            Assert.That((string?)review["rootCaseId"], Is.EqualTo(caseId));
            Assert.That((string?)review["title"], Is.EqualTo("Review"));
            Assert.That((string?)review["department"], Is.EqualTo(Planning));
            Assert.That((string?)review["role"], Is.EqualTo("reviewer"));
        }
        // Market supervision's opinion was opened by the same completion: there, but not shown to planning's clerk.
        using var li = await _host.ClientForAsync("clerk-li");
        Assert.That((await OpenTasksAsync(li, caseId)).Select(t => (string)t["activityId"]!), Is.EqualTo(new[] { "opinion" }));

        var afterReview = await CompleteAsync(wang, (long)review["id"]!);

        Assert.That(afterReview, Is.Empty, "the join waits for the opinion");
        Assert.That((await OpenTasksAsync(wang, caseId)).Select(t => (string)t["activityId"]!), Is.Empty, "the review is done");
    }

    [Test]
    public async Task A_completion_or_an_event_that_opens_a_task_the_caller_may_not_see_answers_none()
    {
        using var chen = await _host.ClientForAsync("applicant-chen");
        using var wang = await _host.ClientForAsync("clerk-wang");
        using var li = await _host.ClientForAsync("clerk-li");

        // Market supervision's answer joins the branches and opens planning's decision.
        var (caseId, byLi) = await JoinedAsync(chen, wang, li);

        var decision = IdOf(await OpenTasksAsync(wang, caseId), "decision");
        Assert.That(byLi, Is.Empty, byLi.ToJsonString());

        // Planning's decision leads to a wait for the applicant's documents: the applicant's event opens planning's final
        // check, which the applicant does not see.
        Assert.That(await CompleteAsync(wang, decision), Is.Empty);
        using var sent = await chen.PostAsJsonAsync($"/api/cases/{caseId}/events/docs-arrived", new JsonObject());
        var byApplicant = await sent.ExpectAsync(HttpStatusCode.OK, "the applicant's event");
        Assert.That(byApplicant["openedTasks"], Is.InstanceOf<JsonArray>().And.Empty);
        Assert.That((await OpenTasksAsync(wang, caseId)).Select(t => (string)t["activityId"]!), Is.EqualTo(new[] { "final" }));
    }

    [Test]
    public async Task A_clerks_event_answers_the_task_it_opened_in_their_department()
    {
        using var chen = await _host.ClientForAsync("applicant-chen");
        using var wang = await _host.ClientForAsync("clerk-wang");
        using var li = await _host.ClientForAsync("clerk-li");
        var (caseId, _) = await JoinedAsync(chen, wang, li);
        await CompleteAsync(wang, IdOf(await OpenTasksAsync(wang, caseId), "decision"));

        using var sent = await wang.PostAsJsonAsync($"/api/cases/{caseId}/events/docs-arrived", new JsonObject());

        var opened = (await sent.ExpectAsync(HttpStatusCode.OK, "clerk-wang's event"))["openedTasks"]!.AsArray();
        Assert.That(opened.Select(t => (string)t!["activityId"]!), Is.EqualTo(new[] { "final" }));
        Assert.That(await CompleteAsync(wang, (long)opened[0]!["id"]!), Is.Empty, "the case ends");
    }
}
