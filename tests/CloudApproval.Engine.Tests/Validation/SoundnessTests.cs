using System.Text;
using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Tests.Support;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Validation;

/// <summary>
/// A definition that validates must never fault for structural reasons, and the validator refuses what would later
/// fail: names, ranges and sizes (issue #15 items 1-5, issue #6 items 11-12).
/// </summary>
public sealed class SoundnessTests
{
    private static string Found(IEnumerable<DefinitionError> errors) => string.Join("; ", errors.Select(e => $"{e.Code} at {e.Path}"));

    private static IReadOnlyList<DefinitionError> Check(string activities, string[] connections, string variables = "[]") =>
        ProcedureValidator.Validate(Def.Text(activities, connections, variables), Def.File);

    private static IReadOnlyList<DefinitionError> CheckTask(string extra) =>
        Check(Acts.List(Acts.Start, Acts.Task("check", "\"ok\"", extra), Acts.End()), ["start:done -> check", "check:ok -> end"],
            """[{"name":"label","type":"text"},{"name":"period","type":"duration"},{"name":"data","type":"json"}]""");

    // ---- #15 item 1: every path into a Join passes its Fork ----

    [Test]
    public void Validate_RefusesJoinReachedOutsideItsFork()
    {
        var errors = Check(
            Acts.List(Acts.Start, Acts.Task("task", "\"rework\"", "\"deadline\":\"7d\""), Acts.Of("fork", "Fork", """{"branches":["a"]}"""),
                Acts.Of("join", "Join", """{"fork":"fork"}"""), Acts.End()),
            ["start:done -> task", "task:rework -> fork", "task:expired -> join", "fork:a -> join", "join:done -> end"]);

        Assert.That(Found(errors), Is.EqualTo("join-outside-fork at $.connections[2]"));
        Assert.That(errors[0].Message, Does.Contain("'task'").And.Contain("'expired'").And.Contain("Fork 'fork'"));
    }

    [Test]
    public void Validate_RefusesJoinOfAnOuterForkReachedFromAnInnerBranch()
    {
        var errors = Check(
            Acts.List(Acts.Start, Acts.Of("outer", "Fork", """{"branches":["a","b"]}"""), Acts.Of("inner", "Fork", """{"branches":["c","d"]}"""),
                Acts.Task("x", "\"ok\""), Acts.Of("join", "Join", """{"fork":"outer"}"""), Acts.End()),
            ["start:done -> outer", "outer:a -> inner", "outer:b -> join", "inner:c -> join", "inner:d -> x", "x:ok -> end", "join:done -> end"]);

        Assert.That(Found(errors), Is.EqualTo("join-outside-fork at $.connections[3]"));
    }

    [Test]
    public void Validate_RefusesALoopBackIntoABranchAfterItsJoin()
    {
        var errors = Check(
            Acts.List(Acts.Start, Acts.Of("fork", "Fork", """{"branches":["a","b"]}"""), Acts.Task("work", "\"ok\""),
                Acts.Of("join", "Join", """{"fork":"fork"}"""), Acts.Task("review", "\"again\",\"done\""), Acts.End()),
            ["start:done -> fork", "fork:a -> work", "fork:b -> join", "work:ok -> join", "join:done -> review",
             "review:again -> work", "review:done -> end"]);

        Assert.That(Found(errors), Is.EqualTo("join-outside-fork at $.connections[3]"));
    }

    [Test]
    public void Validate_AcceptsNestedForksJoinedInOrder_AndLoopsAroundAWholeFork()
    {
        var errors = Check(
            Acts.List(Acts.Start, Acts.Of("outer", "Fork", """{"branches":["a","b"]}"""), Acts.Of("inner", "Fork", """{"branches":["c","d"]}"""),
                Acts.Task("x", "\"ok\",\"stop\""), Acts.Of("inner-join", "Join", """{"fork":"inner"}"""),
                Acts.Of("join", "Join", """{"fork":"outer"}"""), Acts.Task("review", "\"again\",\"done\""), Acts.End()),
            ["start:done -> outer", "outer:a -> inner", "outer:b -> join", "inner:c -> x", "inner:d -> inner-join", "x:ok -> inner-join",
             "x:stop -> end", "inner-join:done -> join", "join:done -> review", "review:again -> outer", "review:done -> end"]);

        Assert.That(errors, Is.Empty, Found(errors));
    }

    [Test]
    public void Validate_RefusesAForkReachedAgainInsideItsOwnBranches()
    {
        var errors = Check(
            Acts.List(Acts.Start, Acts.Of("fork", "Fork", """{"branches":["a","b"]}"""), Acts.Task("x", "\"again\",\"ok\""),
                Acts.Of("join", "Join", """{"fork":"fork"}"""), Acts.End()),
            ["start:done -> fork", "fork:a -> x", "fork:b -> join", "x:again -> fork", "x:ok -> join", "join:done -> end"]);

        Assert.That(Found(errors), Is.EqualTo("fork-reentered at $.connections[3]"));
    }

    // ---- #15 item 2: every property of every form field type ----

    [TestCase("text")]
    [TestCase("integer")]
    [TestCase("boolean")]
    [TestCase("date")]
    [TestCase("file")]
    public void Validate_RefusesChoicesOnANonChoiceField(string type)
    {
        var errors = CheckTask($$$"""
            "form":[{"name":"remark","label":"Remark","type":"{{{type}}}","choices":[1,2]}]
            """);

        Assert.That(Found(errors), Is.EqualTo("unknown-field at $.activities[1].inputs.form[0].choices"));
    }

    [TestCase("\"name\":\"\\n\",\"label\":\"A\",\"type\":\"text\"", "wrong-type at $.activities[1].inputs.form[0].name")]
    [TestCase("\"name\":\"a\",\"label\":3,\"type\":\"text\"", "missing-field at $.activities[1].inputs.form[0].label")]
    [TestCase("\"name\":\"a\",\"label\":\"A\",\"type\":\"choice\",\"choices\":[\"x\",\"x\"]", "duplicate-choice at $.activities[1].inputs.form[0].choices")]
    public void Validate_ChecksEveryFormFieldProperty(string field, string expected)
    {
        Assert.That(Found(CheckTask($"\"form\":[{{{field}}}]")), Is.EqualTo(expected));
    }

    // ---- #15 item 3 / #6 item 11: one bound for durations, shared by the validator and the calendar ----

    [TestCase("Timer", "duration", "6000wd")]
    [TestCase("Timer", "duration", "100000wd")]
    [TestCase("WaitForEvent", "deadline", "5567wd")]
    [TestCase("WaitForEvent", "deadline", "0wd")]
    [TestCase("WaitForEvent", "deadline", "0s")]
    [TestCase("WaitForEvent", "deadline", "5d\n")]
    [TestCase("Timer", "duration", "99999d")]
    public void Validate_RefusesDurationsTheCalendarCannotCompute(string type, string input, string duration)
    {
        var inputs = type == "Timer"
            ? $$"""{"duration":{{System.Text.Json.JsonSerializer.Serialize(duration)}}}"""
            : $$"""{"event":"e","deadline":{{System.Text.Json.JsonSerializer.Serialize(duration)}}}""";
        var connections = type == "Timer" ? new[] { "start:done -> a", "a:done -> end" } : ["start:done -> a", "a:received -> end", "a:expired -> end"];

        var errors = Check(Acts.List(Acts.Start, Acts.Of("a", type, inputs), Acts.End()), connections);

        Assert.That(Found(errors), Is.EqualTo($"invalid-duration at $.activities[1].inputs.{input}"));
    }

    [Test]
    public void TheLongestDurationAllowed_IsOneTheCalendarComputes_FromEitherEndOfItsYears()
    {
        var longest = Duration.Parse($"{Duration.MaxWorkingDays}wd");

        Assert.That(Duration.TryParse($"{Duration.MaxWorkingDays + 1}wd", out _), Is.Null);
        Assert.That(() => Repo.Calendar.AddWorkingDays(new DateOnly(2026, 1, 1), longest.Amount), Throws.Nothing);
        Assert.That(() => Repo.Calendar.AddWorkingDays(new DateOnly(2027, 12, 31), -longest.Amount), Throws.Nothing);
        Assert.That(() => WorkingCalendar.WeekendsOnly.AddWorkingDays(new DateOnly(2026, 1, 1), longest.Amount + 1),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains($"{Duration.MaxWorkingDays}"));
    }

    // ---- #15 item 4: typed variables ----

    [TestCase("text")]
    [TestCase("duration")]
    [TestCase("integer")]
    public void Validate_RefusesSaveAsIntoAVariableThatCannotHoldAnObject(string type)
    {
        var errors = Check(Acts.List(Acts.Start, Acts.Task("check", "\"ok\"", "\"saveAs\":\"v\""), Acts.End()),
            ["start:done -> check", "check:ok -> end"], $$"""[{"name":"v","type":"{{type}}"}]""");

        Assert.That(Found(errors), Is.EqualTo("wrong-type at $.activities[1].inputs.saveAs"));
    }

    // ---- #15 item 5: licence validity ----

    [TestCase("0d", "invalid-duration")]
    [TestCase("12h", "invalid-duration")]
    [TestCase("30m", "invalid-duration")]
    public void Validate_RefusesALicenceValidityShorterThanADay(string validity, string code)
    {
        var errors = Check(
            Acts.List(Acts.Start, Acts.Of("issue", "IssueLicence", $$"""{"licenceType":"food","validity":"{{validity}}"}"""), Acts.End()),
            ["start:done -> issue", "issue:done -> end"]);

        Assert.That(Found(errors), Is.EqualTo($"{code} at $.activities[1].inputs.validity"));
    }

    // ---- #6 item 11: one rule for names ----

    [TestCase("../../x")]
    [TestCase("Review")]
    [TestCase("review\n")]
    [TestCase("a b")]
    public void Validate_RefusesActivityIdsThatAreNotSlugs(string id)
    {
        var errors = Check(Acts.List(Acts.Start, Acts.Of(System.Text.Json.JsonEncodedText.Encode(id).ToString(), "End", """{"outcome":"approved"}""")),
            [$"start:done -> {id}"]);

        Assert.That(errors.Select(e => e.Code), Does.Contain("invalid-id"), Found(errors));
        Assert.That(errors.First(e => e.Code == "invalid-id").Path, Is.EqualTo("$.activities[1].id"));
    }

    [Test]
    public void Validate_RefusesAnActivityIdOfFiveThousandCharacters_NamingTheLimit()
    {
        var id = new string('a', 5000);

        var errors = Check(Acts.List(Acts.Start, Acts.Of(id, "End", """{"outcome":"approved"}""")), [$"start:done -> {id}"]);

        var error = errors.Single(e => e.Code == "invalid-id");
        Assert.That(error.Message, Does.Contain($"{ProcedureValidator.MaxNameLength} characters"));
        Assert.That(error.Message.Length, Is.LessThan(400));
    }

    [TestCase("x\n")]
    [TestCase("ok\n")]
    public void Validate_RefusesNamesWithATrailingNewline(string name)
    {
        var variables = $$"""[{"name":{{System.Text.Json.JsonSerializer.Serialize(name)}},"type":"text"}]""";
        Assert.That(Found(Check(Acts.List(Acts.Start, Acts.End()), ["start:done -> end"], variables)), Is.EqualTo("invalid-name at $.variables[0].name"));
        Assert.That(ProcedureValidator.Validate(Def.Text(Acts.List(Acts.Start, Acts.End()), ["start:done -> end"], id: "food\\n"), Def.File)
            .Select(e => e.Code), Is.EqualTo(new[] { "invalid-id" }));
    }

    // ---- #6 item 12: linear, and capped with a clear error ----

    private static string Chain(int tasks)
    {
        var activities = new StringBuilder("[").Append(Acts.Start);
        var connections = new StringBuilder("[{\"source\":\"start\",\"outcome\":\"done\",\"target\":\"t1\"}");
        for (var i = 1; i <= tasks; i++)
        {
            activities.Append(',').Append(Acts.Task($"t{i}", "\"ok\""));
            var next = i == tasks ? "end" : $"t{i + 1}";
            connections.Append($$""",{"source":"t{{i}}","outcome":"ok","target":"{{next}}"}""");
        }
        activities.Append(',').Append(Acts.End()).Append(']');
        connections.Append(']');
        return $$"""{"definitionId":"chain","version":1,"name":"Chain","activities":{{activities}},"connections":{{connections}}}""";
    }

    [Test]
    public void Validate_AChainAtTheSizeLimit_IsValidAndQuick()
    {
        var json = Chain(ProcedureValidator.MaxActivities - 2);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var errors = ProcedureValidator.Validate(json, Def.File);

        Assert.That(errors, Is.Empty, Found(errors));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void Validate_RefusesAHundredThousandActivityChain_AtOnce_NamingTheLimit()
    {
        var json = Chain(100_000);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var errors = ProcedureValidator.Validate(json, Def.File);

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        var error = errors.Single();
        Assert.That((error.Code, error.Path), Is.EqualTo(("too-large", "$")));
        Assert.That(error.Message, Does.Contain($"the limit is {DefinitionReader.MaxLength:N0} characters"));
    }

    [Test]
    public void Validate_RefusesMoreActivitiesThanTheLimit_NamingIt()
    {
        var json = Chain(ProcedureValidator.MaxActivities);

        var error = ProcedureValidator.Validate(json, Def.File).Single();

        Assert.That((error.Code, error.Path), Is.EqualTo(("too-large", "$.activities")));
        Assert.That(error.Message, Does.Contain($"the limit is {ProcedureValidator.MaxActivities:N0} activities"));
    }
}
