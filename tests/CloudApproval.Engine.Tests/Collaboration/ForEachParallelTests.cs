using System.Text.Json.Nodes;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Collaboration;

/// <summary>
/// Cross-department consultation: one opinion task per department, all at once, each in its own department; the Join
/// continues when the completion condition is met, cancels what the other branches still wait for, and saves the results.
/// </summary>
public sealed class ForEachParallelTests
{
    private static readonly DateTimeOffset Asked = China.At(2026, 3, 2, 10);

    private const string Variables = """
        [{"name":"departments","type":"json","default":["planning","greening","housing"]},
         {"name":"department","type":"text"},
         {"name":"opinions","type":"json"}]
        """;

    private static string Opinion(string extra = "") => Acts.Of("opinion", "UserTask", $$"""
        {"title":"Opinion","role":"opinion-clerk","department":"$department","outcomes":["agree","object"],
         "form":[{"name":"note","label":"Note","type":"text"}]{{extra}}}
        """);

    private static string[] Connections(string branch = "opinion") =>
        ["start:done -> consult", $"consult:branch -> {branch}", "consult:empty -> nobody", "opinion:agree -> join", "opinion:object -> join", "join:done -> end"];

    private static Driver Started(string completion = "", string opinionExtra = "", JsonObject? input = null)
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("consult", "ForEachParallel", $$"""{"items":"vars.departments","itemVariable":"department","saveAs":"opinions"{{completion}}}"""),
                Opinion(opinionExtra),
                Acts.Of("join", "Join", """{"fork":"consult"}"""),
                Acts.End(),
                Acts.End("nobody", "completed")),
            Connections(), Variables));
        driver.Start(Asked, input);
        return driver;
    }

    private static TaskRecord OpenTaskOf(Driver driver, string department) =>
        driver.Current.Tasks.Single(t => t.Department == department && t.Status == HumanTaskStatus.Open);

    private static RunResult Answer(Driver driver, string department, string outcome, int hours = 1) =>
        driver.Send(new TaskCompletedStimulus(OpenTaskOf(driver, department).Id, outcome, new JsonObject { ["note"] = $"{department} says {outcome}" }, $"clerk-{department}"),
            Asked.AddHours(hours));

    private static JsonArray Opinions(Driver driver) => driver.Current.Variables["opinions"]!.AsArray();

    [Test]
    public void ForEachParallel_StartsOneTaskPerItem_EachInTheDepartmentItsBranchHolds()
    {
        var driver = Started();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(driver.EffectsOf<TaskCreated>().Select(t => t.Task.Department), Is.EqualTo(new[] { "planning", "greening", "housing" }));
            Assert.That(driver.Current.Tokens.Select(t => t.Locals!["department"]!.GetValue<string>()), Is.EqualTo(new[] { "planning", "greening", "housing" }));
            // The item is the branch's own: the instance's variable is untouched.
            Assert.That(driver.Current.Variables["department"], Is.Null);
        }
    }

    [Test]
    public void CompletionAll_WaitsForEveryBranch_ThenSavesTheResultsInItemOrder()
    {
        var driver = Started();
        Answer(driver, "housing", "object", 1);
        Answer(driver, "planning", "agree", 2);
        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Running));

        Answer(driver, "greening", "agree", 3);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(driver.Current.Outcome, Is.EqualTo("approved"));
            Assert.That(Opinions(driver).Select(r => (r!["item"]!.GetValue<string>(), r["status"]!.GetValue<string>(), r["outcome"]!.GetValue<string>())),
                Is.EqualTo(new[] { ("planning", "completed", "agree"), ("greening", "completed", "agree"), ("housing", "completed", "object") }));
            Assert.That(Opinions(driver)[2]!["completedBy"]!.GetValue<string>(), Is.EqualTo("clerk-housing"));
            Assert.That(Opinions(driver)[2]!["data"]!["note"]!.GetValue<string>(), Is.EqualTo("housing says object"));
            Assert.That(driver.Current.Forks, Is.Empty);
            Assert.That(driver.Current.Variables["department"], Is.Null);
        }
    }

    [Test]
    public void CompletionAny_ContinuesOnTheFirstAnswer_AndCancelsTheOtherTasksAndTheirDeadlines()
    {
        var driver = Started(""", "completion":"any" """, """, "deadline":"5wd","defaultOutcome":"agree" """);
        var others = new[] { OpenTaskOf(driver, "planning").Id, OpenTaskOf(driver, "housing").Id };
        var otherDeadlines = driver.Current.Timers.Where(t => t.Purpose == TimerPurpose.Deadline).Select(t => t.Id).Skip(1).ToList();

        Answer(driver, "greening", "agree");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(driver.EffectsOf<TaskCancelled>().Select(c => c.TaskId), Is.EquivalentTo(others));
            Assert.That(driver.EffectsOf<TaskCancelled>().First().Reason, Is.EqualTo("'consult' completed (any) before this branch did"));
            Assert.That(driver.EffectsOf<TimerCancelled>().Select(c => c.TimerId), Is.SupersetOf(otherDeadlines));
            Assert.That(driver.PendingTimers, Is.Empty);
            Assert.That(Opinions(driver).Select(r => r!["status"]!.GetValue<string>()), Is.EqualTo(new[] { "cancelled", "completed", "cancelled" }));
            Assert.That(driver.Current.Outcome, Is.EqualTo("approved"));
        }
    }

    [Test]
    public void CompletionCount_ContinuesWhenThatManyBranchesHaveArrived()
    {
        var driver = Started(""", "completion":"2" """);
        Answer(driver, "planning", "agree");
        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Running));

        Answer(driver, "housing", "agree");

        Assert.That(driver.Current.Outcome, Is.EqualTo("approved"));
        Assert.That(driver.Current.Tasks.Single(t => t.Department == "greening").Status, Is.EqualTo(HumanTaskStatus.Cancelled));
    }

    [Test]
    public void CompletionExpression_SeesTheResultsSoFar_AndStopsAtTheFirstObjection()
    {
        var driver = Started(""", "completion":"vars.opinions.some(r => r.outcome === 'object')" """);
        Answer(driver, "planning", "agree");
        Assert.That(Opinions(driver).Select(r => r!["status"]!.GetValue<string>()), Is.EqualTo(new[] { "completed", "running", "running" }));
        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Running));

        Answer(driver, "greening", "object");

        Assert.That(driver.Current.Outcome, Is.EqualTo("approved"));
        Assert.That(Opinions(driver).Select(r => r!["status"]!.GetValue<string>()), Is.EqualTo(new[] { "completed", "completed", "cancelled" }));
    }

    [Test]
    public void Silence_EveryDepartmentsDeadlineGivesTheDefaultOutcome_AndTheResultsSaySo()
    {
        var driver = Started(opinionExtra: """, "deadline":"5wd","defaultOutcome":"agree" """);
        Answer(driver, "planning", "object");

        foreach (var deadline in driver.PendingTimers.Where(t => t.Purpose == TimerPurpose.Deadline).ToList()) driver.Fire(deadline);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(driver.Current.Outcome, Is.EqualTo("approved"));
            Assert.That(Opinions(driver).Select(r => (r!["outcome"]!.GetValue<string>(), r["completedBy"]!.GetValue<string>())),
                Is.EqualTo(new[] { ("object", "clerk-planning"), ("agree", "system:deadline"), ("agree", "system:deadline") }));
            Assert.That(driver.Current.EndedAt, Is.EqualTo(China.Midnight(2026, 3, 10)));
        }
    }

    [Test]
    public void EmptyList_StartsNoBranch_AndLeavesByEmpty()
    {
        var driver = Started(input: new JsonObject { ["departments"] = new JsonArray() });

        Assert.That(driver.Current.Outcome, Is.EqualTo("completed"));
        Assert.That(driver.Current.Tasks, Is.Empty);
    }

    [Test]
    public void ItemsThatAreNotAList_FaultTheInstance()
    {
        var driver = Started(input: new JsonObject { ["departments"] = "planning" });

        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Faulted));
        Assert.That(driver.Current.Fault, Is.EqualTo(new InstanceFault("consult", "input 'items' must evaluate to a JSON array")));
    }

    [Test]
    public void SubProcedureBranches_StillRunning_AreTerminated_WhenTheCompletionIsMet()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("consult", "ForEachParallel", """{"items":"vars.departments","itemVariable":"department","completion":"any","saveAs":"opinions"}"""),
                Acts.Of("review", "CallProcedure", """{"definitionId":"joint-opinion","input":"({ department: vars.department })","outcomes":["completed"]}"""),
                Acts.Of("join", "Join", """{"fork":"consult"}"""),
                Acts.End(),
                Acts.End("nobody", "completed")),
            ["start:done -> consult", "consult:branch -> review", "consult:empty -> nobody", "review:completed -> join", "join:done -> end"], Variables));
        driver.Start(Asked);
        var started = driver.EffectsOf<SubProcedureStarted>().ToList();

        driver.Send(new SubProcedureFinishedStimulus(started[1].ChildId, "completed"), Asked.AddDays(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(started.Select(s => s.Input!["department"]!.GetValue<string>()), Is.EqualTo(new[] { "planning", "greening", "housing" }));
            Assert.That(driver.EffectsOf<SubProcedureTerminated>().Select(t => t.ChildId), Is.EquivalentTo(new[] { started[0].ChildId, started[2].ChildId }));
            Assert.That(Opinions(driver)[1]!["outcome"]!.GetValue<string>(), Is.EqualTo("completed"));
            Assert.That(driver.Current.Outcome, Is.EqualTo("approved"));
        }
    }

    [Test]
    public void ForEachParallel_InsideAForkBranch_CancelsOnlyItsOwnBranches()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("fork", "Fork", """{"branches":["consult","own"]}"""),
                Acts.Of("consult", "ForEachParallel", """{"items":"vars.departments","itemVariable":"department","completion":"any"}"""),
                Opinion(),
                Acts.Of("join", "Join", """{"fork":"consult"}"""),
                Acts.Task("own-review", "\"done\""),
                Acts.Of("join-all", "Join", """{"fork":"fork"}"""),
                Acts.End()),
            ["start:done -> fork", "fork:consult -> consult", "fork:own -> own-review", "consult:branch -> opinion", "consult:empty -> join-all",
             "opinion:agree -> join", "opinion:object -> join", "join:done -> join-all", "own-review:done -> join-all", "join-all:done -> end"], Variables));
        driver.Start(Asked);

        Answer(driver, "housing", "agree");

        Assert.That(driver.Current.Tasks.Where(t => t.Status == HumanTaskStatus.Open).Select(t => t.ActivityId), Is.EqualTo(new[] { "own-review" }));
        driver.Complete("own-review", "done", Asked.AddHours(2));
        Assert.That(driver.Current.Outcome, Is.EqualTo("approved"));
    }

    [TestCase(""" "completion":"vars.opinions.length >" """, "$.activities[1].inputs.completion", "expression-syntax")]
    [TestCase(""" "completion":"0" """, "$.activities[1].inputs.completion", "invalid-completion")]
    [TestCase(""" "completion":"Math.random() > 0.5","saveAs":"opinions" """, "$.activities[1].inputs.completion", "nondeterministic")]
    [TestCase(""" "completion":"vars.x" """, "$.activities[1].inputs.completion", "missing-input")]
    [TestCase(""" "saveAs":"nowhere" """, "$.activities[1].inputs.saveAs", "unknown-variable")]
    [TestCase(""" "saveAs":"departments","itemVariable":"departments" """, "$.activities[1].inputs.saveAs", "same-variable")]
    public void Validate_RefusesACompletionOrVariableThatCannotWork(string inputs, string path, string code)
    {
        var consult = """{"items":"vars.departments","itemVariable":"department",""" + inputs + "}";
        if (consult.Contains("\"itemVariable\":\"departments\"", StringComparison.Ordinal))
            consult = consult.Replace("\"itemVariable\":\"department\",", "", StringComparison.Ordinal);
        var definition = Def.Flow(
            Acts.List(Acts.Start, Acts.Of("consult", "ForEachParallel", consult), Opinion(), Acts.Of("join", "Join", """{"fork":"consult"}"""), Acts.End(), Acts.End("nobody", "completed")),
            Connections(), Variables, validate: false);

        var errors = ProcedureValidator.Validate(definition, Def.File);

        Assert.That(errors.Select(e => (e.Path, e.Code)), Is.EqualTo(new[] { (path, code) }), string.Join("\n", errors));
    }

    [Test]
    public void Validate_RefusesAForEachParallel_ThatNoJoinWaitsFor()
    {
        var definition = Def.Flow(
            Acts.List(Acts.Start, Acts.Of("consult", "ForEachParallel", """{"items":"vars.departments","itemVariable":"department"}"""), Opinion(), Acts.End()),
            ["start:done -> consult", "consult:branch -> opinion", "consult:empty -> end", "opinion:agree -> end", "opinion:object -> end"],
            Variables, validate: false);

        var errors = ProcedureValidator.Validate(definition, Def.File);

        Assert.That(errors.Select(e => (e.Path, e.Code)), Is.EqualTo(new[] { ("$.activities[1]", "no-join") }), string.Join("\n", errors));
    }

    [Test]
    public void BranchLocalVariable_WrittenInsideABranch_StaysInThatBranch()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("consult", "ForEachParallel", """{"items":"vars.departments","itemVariable":"department"}"""),
                Acts.Of("rename", "SetVariable", """{"variable":"department","value":"vars.department + '-office'"}"""),
                Opinion(),
                Acts.Of("join", "Join", """{"fork":"consult"}"""),
                Acts.End(),
                Acts.End("nobody", "completed")),
            ["start:done -> consult", "consult:branch -> rename", "rename:done -> opinion", "consult:empty -> nobody",
             "opinion:agree -> join", "opinion:object -> join", "join:done -> end"], Variables));

        driver.Start(Asked);

        Assert.That(driver.EffectsOf<TaskCreated>().Select(t => t.Task.Department),
            Is.EqualTo(new[] { "planning-office", "greening-office", "housing-office" }));
        Assert.That(driver.Current.Variables["department"], Is.Null);
    }

    [Test]
    public void Validate_RefusesTheEmptyPort_LeadingIntoItsOwnJoin()
    {
        var definition = Def.Flow(
            Acts.List(Acts.Start, Acts.Of("consult", "ForEachParallel", """{"items":"vars.departments","itemVariable":"department"}"""), Opinion(),
                Acts.Of("join", "Join", """{"fork":"consult"}"""), Acts.End()),
            ["start:done -> consult", "consult:branch -> opinion", "consult:empty -> join", "opinion:agree -> join", "opinion:object -> join", "join:done -> end"],
            Variables, validate: false);

        var errors = ProcedureValidator.Validate(definition, Def.File);

        Assert.That(errors.Select(e => (e.Path, e.Code)), Is.EqualTo(new[] { ("$.connections[2]", "join-outside-fork") }), string.Join("\n", errors));
    }
}
