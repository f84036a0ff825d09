using System.Text.Json.Nodes;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Runner;

public sealed class UserTaskTests
{
    // Friday before the Spring Festival; Saturday 02-14 is a declared working day, 02-15..02-23 are off.
    private static readonly DateTimeOffset Friday = China.At(2026, 2, 13, 10);

    private const string Variables = """
        [{"name":"department","type":"text","default":"market-supervision"},
         {"name":"urgency","type":"integer","default":3},
         {"name":"review","type":"json"}]
        """;

    private const string Form = """
        "form":[
          {"name":"opinion","label":"Opinion","type":"text","required":true},
          {"name":"fee","label":"Fee","type":"integer"},
          {"name":"onSite","label":"On-site check","type":"boolean"},
          {"name":"visitOn","label":"Visit date","type":"date"},
          {"name":"risk","label":"Risk","type":"choice","choices":["low","high"]}]
        """;

    private static Driver Review(string extra)
    {
        var task = """
            {"id":"review","type":"UserTask","inputs":{
              "title":"Review and decide","instructions":"Check the materials.","role":"reviewer","department":"$department",
              "outcomes":["approve","reject"],"priority":"$urgency",EXTRA,"saveAs":"review"}}
            """.Replace("EXTRA", extra, StringComparison.Ordinal);
        var hasDeadline = extra.Contains("\"deadline\"", StringComparison.Ordinal);
        List<string> activities = [Acts.Start, task, Acts.End("approved"), Acts.End("rejected", "rejected")];
        List<string> connections = ["start:done -> review", "review:approve -> approved", "review:reject -> rejected"];
        if (hasDeadline)
        {
            activities.Add(Acts.End("expired", "withdrawn"));
            connections.Add("review:expired -> expired");
        }
        return new Driver(Def.Flow(Acts.List([.. activities]), [.. connections],
            Variables));
    }

    private static Driver Plain() => Review(Form + ""","deadline":"30wd" """);

    [Test]
    public void Entering_CreatesAnOpenTask_WithItsInputsResolved()
    {
        var driver = Plain();

        driver.Start(Friday);

        var task = driver.OpenTask("review");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.Title, Is.EqualTo("Review and decide"));
            Assert.That(task.Instructions, Is.EqualTo("Check the materials."));
            Assert.That(task.Role, Is.EqualTo("reviewer"));
            Assert.That(task.Department, Is.EqualTo("market-supervision"), "department from $department");
            Assert.That(task.Priority, Is.EqualTo(3), "priority from $urgency");
            Assert.That(task.Outcomes, Is.EqualTo(new[] { "approve", "reject" }));
            Assert.That(task.Form.Select(f => f.Name), Is.EqualTo(new[] { "opinion", "fee", "onSite", "visitOn", "risk" }));
            Assert.That(task.Form[4].Choices, Is.EqualTo(new[] { "low", "high" }));
            Assert.That(task.CreatedAt, Is.EqualTo(Friday));
            Assert.That(task.DueDate, Is.Null);
            Assert.That(driver.EffectsOf<TaskCreated>().Single().Task.Id, Is.EqualTo(task.Id));
            Assert.That(driver.Current.Tokens.Single().TaskId, Is.EqualTo(task.Id));
            Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Running));
        }
    }

    [Test]
    public void Department_FromStartInput_OverridesTheDefault()
    {
        var driver = Plain();

        driver.Start(Friday, new JsonObject { ["department"] = "health-commission" });

        Assert.That(driver.OpenTask("review").Department, Is.EqualTo("health-commission"));
    }

    [Test]
    public void Entering_Faults_WhenTheDepartmentVariableIsEmpty()
    {
        var driver = Plain();

        driver.Start(Friday, new JsonObject { ["department"] = "" });

        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Faulted));
        Assert.That(driver.Current.Fault, Is.EqualTo(new InstanceFault("review", "input 'department': variable 'department' is empty or not text")));
    }

    [Test]
    public void Complete_LeavesByTheOutcome_AndSavesTheFormData()
    {
        var driver = Plain();
        driver.Start(Friday);
        var task = driver.OpenTask("review");
        var at = Friday.AddHours(2);
        var data = JsonNode.Parse("""{"opinion":"conditions met","fee":120,"onSite":true,"visitOn":"2026-02-27","risk":"low"}""")!.AsObject();

        var result = driver.Complete("review", "approve", at, data, "reviewer-wang");

        Assert.That(result.Accepted, Is.True, result.Rejection?.ToString());
        var done = driver.Current.FindTask(task.Id)!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(done.Status, Is.EqualTo(HumanTaskStatus.Completed));
            Assert.That(done.Outcome, Is.EqualTo("approve"));
            Assert.That(done.CompletedBy, Is.EqualTo("reviewer-wang"));
            Assert.That(done.ClosedAt, Is.EqualTo(at));
            Assert.That(done.Data!.ToJsonString(), Is.EqualTo(data.ToJsonString()));
            Assert.That(driver.Current.Variables["review"]!.ToJsonString(), Is.EqualTo(data.ToJsonString()));
            Assert.That(driver.Current.Outcome, Is.EqualTo("approved"));
            Assert.That(result.Effects[0], Is.EqualTo(new TaskCompleted(task.Id, "approve", "reviewer-wang")));
            Assert.That(driver.EffectsOf<VariableSet>().Single().Name, Is.EqualTo("review"));
            Assert.That(driver.Entered, Is.EqualTo(new[] { "approved" }));
        }
    }

    [Test]
    public void Complete_AcceptsFormData_BuiltInCode()
    {
        // The shell's forms build data with CLR values rather than parsing JSON text.
        var driver = Plain();
        driver.Start(Friday);
        var data = new JsonObject { ["opinion"] = "ok", ["fee"] = 120, ["onSite"] = false, ["visitOn"] = "2026-02-27", ["risk"] = "high" };

        var result = driver.Complete("review", "approve", Friday.AddHours(1), data);

        Assert.That(result.Rejection, Is.Null);
        Assert.That(driver.Current.Outcome, Is.EqualTo("approved"));
    }

    [TestCase("""{}""", "'opinion' (Opinion) is required")]
    [TestCase("""{"opinion":"ok","fee":"120"}""", "'fee': expected an integer")]
    [TestCase("""{"opinion":"ok","fee":12.5}""", "'fee': expected an integer")]
    [TestCase("""{"opinion":"ok","onSite":"yes"}""", "'onSite': expected true or false")]
    [TestCase("""{"opinion":"ok","visitOn":"27/02/2026"}""", "'visitOn': expected a date yyyy-MM-dd")]
    [TestCase("""{"opinion":"ok","risk":"medium"}""", "'risk': expected one of low, high")]
    [TestCase("""{"opinion":42}""", "'opinion': expected text")]
    [TestCase("""{"opinion":"ok","colour":"red"}""", "'colour' is not a field of this form")]
    public void Complete_IsRejected_WhenTheFormDataDoesNotFit(string data, string problem)
    {
        var driver = Plain();
        driver.Start(Friday);
        var before = driver.Current.ToJson();

        var result = driver.Complete("review", "approve", Friday.AddHours(1), JsonNode.Parse(data)!.AsObject());

        Assert.That(result.Rejection?.Code, Is.EqualTo("invalid-data"));
        Assert.That(result.Rejection!.Message, Does.Contain(problem));
        Assert.That(result.State.ToJson(), Is.EqualTo(before));
        Assert.That(driver.OpenTask("review").Status, Is.EqualTo(HumanTaskStatus.Open));
    }

    [Test]
    public void Complete_ReportsEveryFormProblemAtOnce()
    {
        var driver = Plain();
        driver.Start(Friday);

        var result = driver.Complete("review", "approve", Friday, JsonNode.Parse("""{"fee":"x","risk":"none"}""")!.AsObject());

        Assert.That(result.Rejection!.Message, Does.Contain("'opinion' (Opinion) is required")
            .And.Contain("'fee': expected an integer").And.Contain("'risk': expected one of low, high"));
    }

    [Test]
    public void Due_IsTheEndOfTheNthWorkingDay_OnTheOfficialCalendar()
    {
        var driver = Review(""" "due":"5wd" """);

        driver.Start(Friday);

        // 02-14 (Saturday, working), then the Spring Festival 02-15..02-23, then 02-24, 25, 26, 27.
        var task = driver.OpenTask("review");
        Assert.That(task.DueDate, Is.EqualTo(China.Day(2026, 2, 27)));
        Assert.That(task.DueAt, Is.EqualTo(China.Midnight(2026, 2, 28)));
        Assert.That(driver.EffectsOf<TaskCreated>().Single().Describe(), Does.EndWith("due 2026-02-27"));
    }

    [Test]
    public void FollowUp_InWorkingDays_RemindsTheAssigneeAt9_AndTheTaskStaysOpen()
    {
        var driver = Review(""" "followUp":"2wd" """);
        driver.Start(Friday);
        var task = driver.OpenTask("review");
        var reminder = driver.Pending(TimerPurpose.Reminder);
        Assert.That(task.FollowUpAt, Is.EqualTo(China.At(2026, 2, 24, 9)));
        Assert.That(reminder.DueAt, Is.EqualTo(task.FollowUpAt));

        var result = driver.Fire(reminder);

        Assert.That(result.Accepted, Is.True);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(driver.EffectsOf<NoticeSent>().Single(), Is.EqualTo(new NoticeSent("reminder", "task-follow-up", "assignee", "review")));
            Assert.That(driver.OpenTask("review").Id, Is.EqualTo(task.Id));
            Assert.That(driver.Current.FindTimer(reminder.Id)!.Status, Is.EqualTo(TimerStatus.Fired));
            Assert.That(driver.Current.Tokens, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public void FollowUp_InCalendarTime_IsExact()
    {
        var driver = Review(""" "followUp":"4h" """);

        driver.Start(Friday);

        Assert.That(driver.OpenTask("review").FollowUpAt, Is.EqualTo(Friday.AddHours(4)));
    }

    [Test]
    public void Deadline_WhenItPassesFirst_CancelsTheTaskAndLeavesByExpired()
    {
        var driver = Review(""" "followUp":"1wd","deadline":"2wd" """);
        driver.Start(Friday);
        var task = driver.OpenTask("review");
        var deadline = driver.Pending(TimerPurpose.Deadline);
        var followUp = driver.Pending(TimerPurpose.Reminder);
        Assert.That(deadline.DueAt, Is.EqualTo(China.Midnight(2026, 2, 25)), "end of the 2nd working day, 02-24");

        var result = driver.Fire(deadline);

        var state = driver.Current;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Accepted, Is.True);
            Assert.That(state.FindTask(task.Id)!.Status, Is.EqualTo(HumanTaskStatus.Cancelled));
            Assert.That(state.FindTask(task.Id)!.ClosedAt, Is.EqualTo(deadline.DueAt));
            Assert.That(state.FindTimer(followUp.Id)!.Status, Is.EqualTo(TimerStatus.Cancelled));
            Assert.That(driver.EffectsOf<TaskCancelled>().Single(), Is.EqualTo(new TaskCancelled(task.Id, "the deadline passed first")));
            Assert.That(state.Outcome, Is.EqualTo("withdrawn"));
        }
    }

    [Test]
    public void Deadline_WhenTheTaskIsCompletedFirst_IsCancelled()
    {
        var driver = Review(""" "deadline":"2wd" """);
        driver.Start(Friday);
        var deadline = driver.Pending(TimerPurpose.Deadline);

        driver.Complete("review", "reject", Friday.AddDays(1));

        Assert.That(driver.Current.FindTimer(deadline.Id)!.Status, Is.EqualTo(TimerStatus.Cancelled));
        Assert.That(driver.EffectsOf<TimerCancelled>().Single().TimerId, Is.EqualTo(deadline.Id));
        Assert.That(driver.Current.Outcome, Is.EqualTo("rejected"));
    }

    [Test]
    public void Deadline_InCalendarTime_IsExact()
    {
        var driver = Review(""" "deadline":"36h" """);

        driver.Start(Friday);

        Assert.That(driver.Pending(TimerPurpose.Deadline).DueAt, Is.EqualTo(Friday.AddHours(36)));
    }
}
