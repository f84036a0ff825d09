using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Simulation;
using CloudApproval.Engine.Tests.Support;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Simulation;

/// <summary>
/// Every scenario script under workflows/&lt;id&gt;/scenarios/ runs through the simulator against the highest version
/// of its procedure, sub-procedures loaded from workflows/ as the shell would, and must meet all its expectations.
/// </summary>
public sealed class ScenarioTests
{
    private static Simulator NewSimulator() => new(new ProcedureRunner(Repo.Calendar), Repo.LoadProcedure);

    [TestCaseSource(typeof(WorkflowFiles), nameof(WorkflowFiles.Scenarios))]
    public void Scenario_Passes(string file)
    {
        var definitionId = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(file)))!;
        var definitionFile = Repo.ProcedureFile(definitionId, null);
        var definition = DefinitionReader.Read(File.ReadAllText(definitionFile), definitionFile);
        var errors = ProcedureValidator.Validate(definition, definitionFile);
        Assert.That(errors, Is.Empty, string.Join("\n", errors));
        var scenario = Scenario.Parse(File.ReadAllText(file), file);

        var result = NewSimulator().Run(definition, scenario);

        if (!result.Passed)
        {
            TestContext.Out.WriteLine($"== {definitionId} v{definition.Version}: {scenario.Name} ({Repo.Relative(file)})");
            foreach (var entry in result.Timeline) TestContext.Out.WriteLine(entry);
        }
        Assert.That(result.Failures, Is.Empty, string.Join("\n", result.Failures));
        Assert.That(result.FinalState.Status, Is.Not.EqualTo(InstanceStatus.Faulted), result.FinalState.Fault?.ToString());
    }

    [Test]
    public void ScenariosAreFound()
    {
        Assert.That(Repo.ScenarioFiles().Select(Repo.Relative), Does.Contain("workflows/deficiency-pending/scenarios/supplemented-approved.json"));
    }

    // ---- the simulator itself, on small procedures: it must be able to fail ----

    private static ProcedureDefinition Review() => Def.Flow(
        Acts.List(Acts.Start,
            Acts.Task("review", "\"approve\",\"reject\"", """ "due":"5wd","deadline":"10wd","form":[{"name":"opinion","label":"Opinion","type":"text","required":true}] """),
            Acts.End("approved"), Acts.End("rejected", "rejected"), Acts.End("late", "withdrawn")),
        ["start:done -> review", "review:approve -> approved", "review:reject -> rejected", "review:expired -> late"]);

    private static Scenario Script(string json) => Scenario.Parse(json, "script.json");

    [Test]
    public void Simulator_ReportsUnmetExpectations()
    {
        var scenario = Script("""
            {"name":"wrong","start":"2026-02-13T10:00:00+08:00",
             "steps":[{"check":{"openTasks":["other"],"taskDue":{"review":"2026-02-20"}}},
                      {"complete":"review","outcome":"approve","data":{"opinion":"ok"}}],
             "expect":{"status":"completed","outcome":"rejected","noticesSent":["decision"]}}
            """);

        var result = NewSimulator().Run(Review(), scenario);

        Assert.That(result.Passed, Is.False);
        Assert.That(result.Failures, Is.EqualTo(new[]
        {
            "step 1: expected open tasks [other], got [review]",
            "step 1: expected task review due 2026-02-20, got 2026-02-27",
            "end: expected outcome rejected, got approved",
            "end: expected notice 'decision' to have been sent",
        }));
    }

    [Test]
    public void Simulator_ReportsAnUnmetMilestoneAndOpenTasksByDepartment_AndAnUnknownBranchDepartment()
    {
        var definition = Def.Flow(
            Acts.List(Acts.Start, Acts.Task("review", "\"approve\""), Acts.Of("reached", "Milestone", """{"name":"reviewed"}"""), Acts.End()),
            ["start:done -> review", "review:approve -> reached", "reached:done -> end"]);
        var scenario = Script("""
            {"name":"milestones","start":"2026-03-02T10:00:00+08:00",
             "steps":[{"check":{"openTasksByDepartment":{"market-supervision":2},"milestones":{"reviewed":"2026-03-02"}}},
                      {"complete":"review","department":"planning-resources","outcome":"approve"},
                      {"complete":"review","department":"market-supervision","outcome":"approve"}],
             "expect":{"status":"completed","milestones":{"reviewed":"2026-03-03"}}}
            """);

        var result = NewSimulator().Run(definition, scenario);

        Assert.That(result.Failures, Is.EqualTo(new[]
        {
            "step 1: expected milestone 'reviewed' on 2026-03-02, got not reached",
            "step 1: expected 2 open task(s) in department 'market-supervision', got 1",
            "step 2: no open task of activity 'review' in department 'planning-resources'; open tasks: review@market-supervision",
            "end: expected milestone 'reviewed' on 2026-03-03, got 2026-03-02",
        }));
    }

    [Test]
    public void Simulator_ReportsAnUnexpectedRejection_AndAMissingOne()
    {
        var scenario = Script("""
            {"name":"rejections","start":"2026-02-13T10:00:00+08:00",
             "steps":[{"complete":"review","outcome":"approve"},
                      {"complete":"review","outcome":"approve","data":{"opinion":"ok"},"expectRejection":"invalid-data"}],
             "expect":{"status":"completed"}}
            """);

        var result = NewSimulator().Run(Review(), scenario);

        Assert.That(result.Failures, Has.Count.EqualTo(2));
        Assert.That(result.Failures[0], Does.StartWith("step 1: task task-2: 'opinion' (Opinion) is required").And.EndWith("[invalid-data]"));
        Assert.That(result.Failures[1], Is.EqualTo("step 2: expected rejection 'invalid-data', but the step was applied"));
    }

    [Test]
    public void Simulator_ReportsTheRunnersRejection_ForAStepAfterTheEnd()
    {
        var scenario = Script("""
            {"name":"too late","start":"2026-02-13T10:00:00+08:00",
             "steps":[{"complete":"review","outcome":"reject","data":{"opinion":"no"}},
                      {"event":"materials-supplemented","expectRejection":"instance-ended"}],
             "expect":{"status":"completed","outcome":"rejected"}}
            """);

        var result = NewSimulator().Run(Review(), scenario);

        Assert.That(result.Failures, Is.Empty, string.Join("\n", result.Timeline));
    }

    [Test]
    public void Simulator_FiresDueTimers_WhenTimeAdvances()
    {
        var scenario = Script("""
            {"name":"deadline","start":"2026-02-13T10:00:00+08:00",
             "steps":[{"advance":"10wd"},{"check":{"status":"running","openTasks":["review"]}},{"advance":"1d"}],
             "expect":{"status":"completed","outcome":"withdrawn","openTasks":[]}}
            """);

        var result = NewSimulator().Run(Review(), scenario);

        Assert.That(result.Failures, Is.Empty, string.Join("\n", result.Timeline));
        // The 10th working day after 02-13 is 03-05 (Spring Festival skipped, Saturday 02-28 worked): the deadline
        // is midnight ending it, after the 10wd advance (03-05 10:00) and before the next day's.
        Assert.That(result.FinalState.EndedAt, Is.EqualTo(China.Midnight(2026, 3, 6)));
    }

    [Test]
    public void Simulator_RunsSubProceduresAsChildInstances()
    {
        var child = Def.Read(Def.Text(Acts.List(Acts.Start, Acts.Task("opinion", "\"agree\""), Acts.End(outcome: "completed")),
            ["start:done -> opinion", "opinion:agree -> end"], id: "joint-opinion"));
        var parent = Def.Flow(
            Acts.List(Acts.Start, Acts.Of("ask", "CallProcedure", """{"definitionId":"joint-opinion","outcomes":["completed"]}"""), Acts.End()),
            ["start:done -> ask", "ask:completed -> end"]);
        var loaded = new List<(string, int?)>();
        var simulator = new Simulator(new ProcedureRunner(Repo.Calendar), (id, version) =>
        {
            loaded.Add((id, version));
            return child;
        });
        var scenario = Script("""
            {"name":"child","start":"2026-03-02T10:00:00+08:00",
             "steps":[{"check":{"openTasks":["opinion"]}},{"complete":"opinion","outcome":"agree"}],
             "expect":{"status":"completed","outcome":"approved"}}
            """);

        var result = simulator.Run(parent, scenario);

        Assert.That(result.Failures, Is.Empty, string.Join("\n", result.Timeline));
        Assert.That(loaded, Is.EqualTo(new[] { ("joint-opinion", (int?)null) }));
        Assert.That(result.FinalState.Children.Single().Outcome, Is.EqualTo("completed"));
        Assert.That(result.Timeline.Select(t => t.Instance), Does.Contain("case/child-2"));
    }

    [Test]
    public void Scenario_Parse_RefusesUnknownFields_NamingTheFile()
    {
        var ex = Assert.Throws<ScenarioException>(() => Scenario.Parse("""{"name":"x","start":"2026-03-02T10:00:00+08:00","expect":{},"colour":1}""", "bad.json"));

        Assert.That(ex!.Message, Does.StartWith("bad.json: "));
        Assert.That(ex.Message, Does.Contain("colour"));
    }

    [Test]
    public void Scenario_Parse_RequiresTheExpectation()
    {
        var ex = Assert.Throws<ScenarioException>(() => Scenario.Parse("""{"name":"x","start":"2026-03-02T10:00:00+08:00"}""", "bad.json"));

        Assert.That(ex!.Message, Does.StartWith("bad.json: "));
        Assert.That(ex.Message, Does.Contain("expect"));
    }
}
