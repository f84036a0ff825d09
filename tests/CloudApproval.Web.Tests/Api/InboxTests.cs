using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

/// <summary>
/// The clerk's inbox over HTTP: what they may claim, soonest due first, keyset-paged without repeats or gaps; and the
/// head handing a task to a clerk of the department, never to another department's.
/// </summary>
public sealed class InboxTests
{
    private static readonly JsonObject MarketSupervision = new() { ["department"] = "market-supervision" };

    private WebHost _host = null!;
    private string _reviewCase = null!;
    private readonly List<string> _preReviewCases = [];

    /// <summary>
    /// First a case moved on to its review (due in weeks), then three cases at pre-review (due in days): sorted by due
    /// date the older review task comes after the newer pre-reviews, so an inbox sorted by id would fail.
    /// </summary>
    [OneTimeSetUp]
    public async Task StartCases()
    {
        _host = new WebHost();
        using var applicant = await _host.ClientForAsync("applicant-chen");
        using var li = await _host.ClientForAsync("clerk-li");
        _reviewCase = await applicant.StartCaseAsync("deficiency-pending", MarketSupervision);
        var preReview = (long)(await li.OpenTaskAsync(_reviewCase, "pre-review"))["id"]!;
        using (var done = await li.PostAsJsonAsync($"/api/tasks/{preReview}/complete",
                   new { outcome = "accept-with-deficiency", data = new { missingMaterials = "credit certificate" } }))
            await done.ExpectAsync(HttpStatusCode.OK, "pre-review");
        using (var signed = await applicant.PostAsJsonAsync($"/api/cases/{_reviewCase}/events/commitment-signed", new JsonObject()))
            await signed.ExpectAsync(HttpStatusCode.OK, "commitment-signed");
        await li.OpenTaskAsync(_reviewCase, "review");
        for (var i = 0; i < 3; i++) _preReviewCases.Add(await applicant.StartCaseAsync("deficiency-pending", (JsonObject)MarketSupervision.DeepClone()));
    }

    [OneTimeTearDown]
    public void StopHost() => _host.Dispose();

    private async Task<JsonArray> InboxAsync(string user, string query = "")
    {
        using var client = await _host.ClientForAsync(user);
        var page = await (await client.GetAsync($"/api/tasks?limit=500{query}")).ExpectAsync(HttpStatusCode.OK, $"{user}'s inbox");
        Assert.That((string?)page["nextCursor"], Is.Null, "one page holds everything here");
        return page["tasks"]!.AsArray();
    }

    /// <summary>The pre-review task of a new case, for a test that changes it (the shared cases stay as they were set up).</summary>
    private async Task<long> FreshPreReviewAsync()
    {
        var caseId = await (await _host.ClientForAsync("applicant-chen")).StartCaseAsync("deficiency-pending", (JsonObject)MarketSupervision.DeepClone());
        return (long)(await (await _host.ClientForAsync("auditor-sun")).OpenTaskAsync(caseId, "pre-review"))["id"]!;
    }

    private static DateTime DueOf(JsonNode task) => task["dueAt"] is { } due
        ? DateTime.Parse((string)due!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
        : DateTime.MaxValue;

    [Test]
    public async Task ClerkInbox_ShowsWhatTheyMayClaim_SoonestDueFirst()
    {
        var inbox = await InboxAsync("clerk-li");

        var activities = inbox.Select(t => (string)t!["activityId"]!).ToList();
        Assert.That(inbox.Select(t => (string)t!["rootCaseId"]!), Is.SupersetOf(_preReviewCases.Append(_reviewCase)));
        Assert.That(inbox.Select(DueOf!), Is.Ordered, "soonest due first");
        Assert.That(activities.LastIndexOf("pre-review"), Is.LessThan(activities.IndexOf("review")), "the review is due after the pre-reviews");
        Assert.That(inbox.Select(t => (long)t!["id"]!), Is.Not.Ordered, "due order is not creation order here, so the sort is tested");
        Assert.That(inbox, Has.All.Matches<JsonNode?>(t => t is not null && (string)t["department"]! == "market-supervision"
            && (string)t["status"]! == "open" && (string)t["role"]! is "intake-clerk" or "reviewer" or "surveyor"),
            "only open tasks of clerk-li's department and duties");
    }

    [Test]
    public async Task ClerkInbox_LeavesOutATaskAnotherClerkHolds()
    {
        var taken = await FreshPreReviewAsync();
        Assert.That((await InboxAsync("clerk-li")).Select(t => (long)t!["id"]!), Does.Contain(taken));
        using var ma = await _host.ClientForAsync("clerk-ma");
        using (var claim = await ma.PostAsync($"/api/tasks/{taken}/claim", null)) await claim.ExpectAsync(HttpStatusCode.NoContent, "clerk-ma claims");

        Assert.That((await InboxAsync("clerk-li")).Select(t => (long)t!["id"]!), Does.Not.Contain(taken));
        Assert.That((await InboxAsync("clerk-ma")).Select(t => (long)t!["id"]!), Does.Contain(taken));
    }

    [Test]
    public async Task KeysetPaging_FollowingNextCursor_ReturnsEveryTaskOnce_InTheSameOrder()
    {
        var all = (await InboxAsync("clerk-li", "&mine=false")).Select(t => (long)t!["id"]!).ToList();
        using var li = await _host.ClientForAsync("clerk-li");
        var paged = new List<long>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var query = cursor is null ? "" : $"&after={Uri.EscapeDataString(cursor)}";
            var page = await (await li.GetAsync($"/api/tasks?mine=false&limit=2{query}")).ExpectAsync(HttpStatusCode.OK, "a page");
            paged.AddRange(page["tasks"]!.AsArray().Select(t => (long)t!["id"]!));
            cursor = (string?)page["nextCursor"];
            Assert.That(++pages, Is.LessThanOrEqualTo(all.Count), "the cursor ends");
        }
        while (cursor is not null);

        Assert.That(all, Has.Count.GreaterThanOrEqualTo(4), "enough tasks for several pages");
        Assert.That(pages, Is.GreaterThanOrEqualTo(2));
        Assert.That(paged, Is.EqualTo(all), "each task once, in the one order");
    }

    [Test]
    public async Task Head_AssignsATaskToAClerkOfTheDepartment_WhoThenHoldsIt()
    {
        var task = await FreshPreReviewAsync();
        using var head = await _host.ClientForAsync("head-zhou");

        using var assigned = await head.PostAsJsonAsync($"/api/tasks/{task}/assign", new { assignee = "clerk-ma" });

        await assigned.ExpectAsync(HttpStatusCode.NoContent, "head-zhou assigns to clerk-ma");
        var held = (await InboxAsync("clerk-ma")).SingleOrDefault(t => (long)t!["id"]! == task);
        Assert.That(held, Is.Not.Null, "clerk-ma's inbox shows the task");
        Assert.That((string?)held!["status"], Is.EqualTo("claimed"));
        Assert.That((string?)held["assignee"], Is.EqualTo("clerk-ma"));
        Assert.That((await InboxAsync("clerk-li")).Select(t => (long)t!["id"]!), Does.Not.Contain(task), "no longer open to others");
    }

    [Test]
    public async Task Head_CannotAssignATaskToAClerkOfAnotherDepartment()
    {
        var task = await FreshPreReviewAsync();
        using var head = await _host.ClientForAsync("head-zhou");

        using var refused = await head.PostAsJsonAsync($"/api/tasks/{task}/assign", new { assignee = "clerk-wang" });

        var problem = await refused.ExpectAsync(HttpStatusCode.BadRequest, "assign to clerk-wang");
        Assert.That((string?)problem["code"], Is.EqualTo("invalid-assignee"));
        var still = (await InboxAsync("clerk-li")).SingleOrDefault(t => (long)t!["id"]! == task);
        Assert.That((string?)still?["status"], Is.EqualTo("open"), "the task is still open to the department");
    }

    [Test]
    public async Task Search_NarrowsTheInboxToTheCaseNumberTyped()
    {
        var wanted = _preReviewCases[1];

        var found = await InboxAsync("clerk-li", $"&search={wanted[^6..]}");

        Assert.That(found.Select(t => (string)t!["rootCaseId"]!), Is.Not.Empty.And.All.EqualTo(wanted));
    }

    [Test]
    public async Task InboxRows_CarryTheirCasesLegalClock_RunningOnceAccepted()
    {
        var inbox = await InboxAsync("clerk-li");

        var review = inbox.Single(t => (string)t!["rootCaseId"]! == _reviewCase && (string)t["activityId"]! == "review");
        var preReview = inbox.First(t => (string)t!["rootCaseId"]! == _preReviewCases[0]);
        Assert.That((string?)review!["case"]!["clock"], Is.EqualTo("running"), "the clock started on acceptance");
        Assert.That((bool)review["case"]!["extended"]!, Is.False);
        Assert.That(preReview!["case"]!["clock"], Is.Null, "not accepted yet: no clock");
    }

    [Test]
    public async Task OneTask_IsReadByItsDepartment_AndUnknownToAnother()
    {
        var task = await FreshPreReviewAsync();
        using var li = await _host.ClientForAsync("clerk-li");
        using var wang = await _host.ClientForAsync("clerk-wang");

        var seen = await (await li.GetAsync($"/api/tasks/{task}")).ExpectAsync(HttpStatusCode.OK, "clerk-li reads the task");
        using var hidden = await wang.GetAsync($"/api/tasks/{task}");

        Assert.That((long)seen["id"]!, Is.EqualTo(task));
        Assert.That((string?)seen["activityId"], Is.EqualTo("pre-review"));
        Assert.That(hidden.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another department's task is unknown, not forbidden");
    }

    [Test]
    public async Task Workload_CountsEachClerksTasks_AndTheUnclaimed_AsTheTaskListHasThem()
    {
        var taken = await FreshPreReviewAsync();
        using (var ma = await _host.ClientForAsync("clerk-ma"))
        using (var claim = await ma.PostAsync($"/api/tasks/{taken}/claim", null))
            await claim.ExpectAsync(HttpStatusCode.NoContent, "clerk-ma claims");
        using var head = await _host.ClientForAsync("head-zhou");

        var workload = await (await head.GetAsync("/api/tasks/workload?department=market-supervision")).ExpectAsync(HttpStatusCode.OK, "workload");
        var all = await InboxAsync("head-zhou", "&mine=false&department=market-supervision");
        using var wang = await _host.ClientForAsync("clerk-wang");
        var elsewhere = await (await wang.GetAsync("/api/tasks/workload")).ExpectAsync(HttpStatusCode.OK, "another department's workload");

        var rows = workload["rows"]!.AsArray();
        Assert.That(rows, Is.Not.Empty);
        foreach (var row in rows)
        {
            var holder = (string?)row!["holder"];
            var held = all.Where(t => holder is null ? (string)t!["status"]! == "open" : (string?)t!["assignee"] == holder && (string)t["status"]! == "claimed").ToList();
            Assert.That((int)row["tasks"]!, Is.EqualTo(held.Count), $"tasks of {holder ?? "nobody"}");
            Assert.That((int)row["overdue"]!, Is.EqualTo(held.Count(t => (int?)t!["workingDaysLeft"] < 0)), $"overdue of {holder ?? "nobody"}");
            Assert.That((int)row["nearDue"]!, Is.EqualTo(held.Count(t => (int?)t!["workingDaysLeft"] is >= 0 and <= 2)), $"near due of {holder ?? "nobody"}");
        }
        Assert.That(rows.Select(r => (string?)r!["holder"]), Does.Contain("clerk-ma"));
        Assert.That(elsewhere["rows"]!.AsArray().Select(r => (string)r!["department"]!), Has.None.EqualTo("market-supervision"));
    }
}
