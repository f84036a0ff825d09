using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

/// <summary>
/// The head's reminder (催办) over HTTP: to the holder of a claimed task, to the department's staff with the task's role
/// while unclaimed; audited in the case's chain; only the head of the task's department; each recipient sees it in
/// <c>GET /api/me/alerts</c>, newest first, and reading marks it read.
/// </summary>
public sealed class RemindersAndAlertsTests
{
    private static readonly JsonObject MarketSupervision = new() { ["department"] = "market-supervision" };

    private WebHost _host = null!;

    [OneTimeSetUp]
    public void StartHost() => _host = new WebHost();

    [OneTimeTearDown]
    public void StopHost() => _host.Dispose();

    private async Task<(string CaseId, long TaskId)> PreReviewAsync()
    {
        using var applicant = await _host.ClientForAsync("applicant-chen");
        var caseId = await applicant.StartCaseAsync("deficiency-pending", (JsonObject)MarketSupervision.DeepClone());
        using var auditor = await _host.ClientForAsync("auditor-sun");
        return (caseId, (long)(await auditor.OpenTaskAsync(caseId, "pre-review"))["id"]!);
    }

    private async Task<JsonArray> AlertsAsync(string user)
    {
        using var client = await _host.ClientForAsync(user);
        return (await (await client.GetAsync("/api/me/alerts")).ExpectAsync(HttpStatusCode.OK, $"{user}'s alerts")).AsArray();
    }

    [Test]
    public async Task An_unclaimed_tasks_reminder_goes_to_the_departments_staff_with_its_role_is_audited_and_read_once()
    {
        var (caseId, taskId) = await PreReviewAsync();
        using var zhou = await _host.ClientForAsync("head-zhou");

        var sent = await (await zhou.PostAsJsonAsync($"/api/tasks/{taskId}/remind", new { message = "请今天内完成预审" })).ExpectAsync(HttpStatusCode.OK, "remind");

        Assert.That(sent["recipients"]!.AsArray().Select(r => (string?)r), Is.EqualTo(new[] { "clerk-li", "clerk-ma" }), "both have the intake-clerk duty");
        var first = await AlertsAsync("clerk-li");
        var mine = first.Single(a => (long?)a!["taskId"] == taskId)!;
        Assert.That((string?)mine["kind"], Is.EqualTo("reminder"));
        Assert.That((string?)mine["message"], Is.EqualTo("请今天内完成预审"));
        Assert.That((string?)mine["sentBy"], Is.EqualTo("head-zhou"));
        Assert.That((string?)mine["caseId"], Is.EqualTo(caseId));
        Assert.That(mine["readAt"], Is.Null, "new when first read");
        var again = await AlertsAsync("clerk-li");
        Assert.That(again.Single(a => (long?)a!["taskId"] == taskId)!["readAt"], Is.Not.Null, "reading marked it read");
        Assert.That((await AlertsAsync("clerk-wang")).Any(a => (long?)a!["taskId"] == taskId), Is.False, "another department's clerk gets nothing");

        using var auditor = await _host.ClientForAsync("auditor-sun");
        var audit = await (await auditor.GetAsync($"/api/cases/{caseId}/audit")).ExpectAsync(HttpStatusCode.OK, "audit");
        var entry = audit["entries"]!.AsArray().Single(e => (string?)e!["action"] == "task-reminded")!;
        Assert.That((string?)entry["actor"], Is.EqualTo("head-zhou"));
        Assert.That((string?)entry["detail"]!["message"], Is.EqualTo("请今天内完成预审"));
        Assert.That(audit["verification"]!["brokenAt"], Is.Null, audit["verification"]!.ToJsonString());
    }

    [Test]
    public async Task A_claimed_tasks_reminder_goes_to_its_holder_alone_newest_first()
    {
        var (_, older) = await PreReviewAsync();
        var (_, taskId) = await PreReviewAsync();
        using var li = await _host.ClientForAsync("clerk-li");
        using (var claimed = await li.PostAsync($"/api/tasks/{taskId}/claim", null)) await claimed.ExpectAsync(HttpStatusCode.NoContent, "claim");
        using var zhou = await _host.ClientForAsync("head-zhou");
        using (var r = await zhou.PostAsJsonAsync($"/api/tasks/{older}/remind", new { })) await r.ExpectAsync(HttpStatusCode.OK, "remind older");

        var sent = await (await zhou.PostAsJsonAsync($"/api/tasks/{taskId}/remind", new { })).ExpectAsync(HttpStatusCode.OK, "remind");

        Assert.That(sent["recipients"]!.AsArray().Select(r => (string?)r), Is.EqualTo(new[] { "clerk-li" }));
        Assert.That((await AlertsAsync("clerk-ma")).Any(a => (long?)a!["taskId"] == taskId), Is.False, "not the holder");
        var ids = (await AlertsAsync("clerk-li")).Select(a => (long?)a!["taskId"]).ToList();
        Assert.That(ids.IndexOf(taskId), Is.LessThan(ids.IndexOf(older)), "newest first");
    }

    [Test]
    public async Task Only_the_head_of_the_tasks_department_may_remind_and_bad_input_changes_nothing()
    {
        var (caseId, taskId) = await PreReviewAsync();
        using var qian = await _host.ClientForAsync("head-qian");
        using var li = await _host.ClientForAsync("clerk-li");
        using var zhou = await _host.ClientForAsync("head-zhou");

        using var otherHead = await qian.PostAsJsonAsync($"/api/tasks/{taskId}/remind", new { });
        using var clerk = await li.PostAsJsonAsync($"/api/tasks/{taskId}/remind", new { });
        using var tooLong = await zhou.PostAsJsonAsync($"/api/tasks/{taskId}/remind", new { message = new string('催', 501) });

        Assert.That(otherHead.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another department's task is unknown to its head");
        Assert.That((string?)(await otherHead.JsonAsync())["code"], Is.EqualTo("unknown-task"));
        Assert.That(clerk.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(tooLong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)(await tooLong.JsonAsync())["detail"], Does.StartWith("message:"));
        Assert.That((await AlertsAsync("clerk-ma")).Any(a => (long?)a!["taskId"] == taskId), Is.False, "nothing was sent");
        using var auditor = await _host.ClientForAsync("auditor-sun");
        var audit = await (await auditor.GetAsync($"/api/cases/{caseId}/audit")).ExpectAsync(HttpStatusCode.OK, "audit");
        Assert.That(audit["entries"]!.AsArray().Any(e => (string?)e!["action"] == "task-reminded"), Is.False);
    }
}
