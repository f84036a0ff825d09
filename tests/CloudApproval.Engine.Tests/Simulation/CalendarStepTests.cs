using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Simulation;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Simulation;

/// <summary>A scenario step publishing a year's calendar: running instances are recounted, as the shell's calendar apply does.</summary>
public sealed class CalendarStepTests
{
    private static readonly Lazy<ProcedureDefinition> Definition = new(() => Def.Flow(
        Acts.List(Acts.Start,
            Acts.Of("clock", "StartLegalClock", """{"limit":"20wd","promisedLimit":"10wd"}"""),
            Acts.Task("review", "\"approve\"", "\"due\":\"18wd\""),
            Acts.Of("stop", "StopLegalClock"),
            Acts.End()),
        ["start:done -> clock", "clock:done -> review", "review:approve -> stop", "stop:done -> end"]));

    private static SimulationResult Run(string steps, string expect = """{ "status": "running" }""") =>
        new Simulator(new ProcedureRunner(Repo.Calendar), (_, _) => throw new InvalidOperationException("no sub-procedures"))
            .Run(Definition.Value, Scenario.Parse($$"""
                { "name": "calendar step", "start": "2026-12-10T10:00:00+08:00", "steps": {{steps}}, "expect": {{expect}} }
                """, "test-scenario.json"));

    [Test]
    public void CalendarStep_RecountsTheRunningInstance()
    {
        // Weekends only in 2027: limit 01-07 (day 16 is Friday 01-01), review 01-05; with 01-01 off, one day later each.
        var result = Run("""
            [
              { "check": { "clockDue": "2027-01-07", "clockProvisional": true, "promisedDue": "2026-12-24", "taskDue": { "review": "2027-01-05" } } },
              { "advance": "2d" },
              { "calendar": { "year": 2027, "daysOff": [ { "date": "2027-01-01", "name": "元旦" } ], "extraWorkingDays": [] } },
              { "check": { "clockDue": "2027-01-08", "clockProvisional": false, "taskDue": { "review": "2027-01-06" } } },
              { "complete": "review", "outcome": "approve" }
            ]
            """, """{ "status": "completed", "onTimeLegal": true, "onTimePromised": true }""");

        Assert.That(result.Failures, Is.Empty, string.Join("\n", result.Timeline));
        Assert.That(result.Timeline.Select(e => e.Text), Has.Some.StartsWith("legal clock recomputed"));
    }

    [Test]
    public void CalendarStep_WithAMalformedYear_FailsTheStep_NamingIt()
    {
        var result = Run("""[ { "calendar": { "year": 2027, "daysOff": [ { "date": "2028-01-01" } ], "extraWorkingDays": [] } } ]""");

        Assert.That(result.Failures, Has.Some.StartsWith("step 1: step 1.calendar: $.daysOff[0].date: 2028-01-01 is not in 2027"));
    }
}
