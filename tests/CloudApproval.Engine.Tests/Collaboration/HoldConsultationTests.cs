using System.Text.Json.Nodes;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Collaboration;

/// <summary>
/// 会商: the convener's minutes, one signature per participant department over the minutes' SHA-256, resolutions that bind
/// only when all have signed, and the common superior for what stays unresolved or is objected to.
/// </summary>
public sealed class HoldConsultationTests
{
    // Wednesday 2026-04-01: 5 working days are 04-02, 04-03, 04-07, 04-08, 04-09 (Qingming 04-04..06 off).
    private static readonly DateTimeOffset Convened = China.At(2026, 4, 1, 10);

    private const string Participants = "['planning-resources','greening-city-appearance']";

    private static string Consultation(string participants = Participants) =>
        Acts.Of("meet", "HoldConsultation", $$"""
            {"agenda":"Can the sign stay within the street's outdoor-advertising plan?","participants":"{{participants}}","role":"reviewer",
             "convener":"planning-resources","convenerRole":"reviewer","due":"5wd",
             "superior":"city-government","superiorRole":"government-head","saveAs":"consultation"}
            """);

    private static Driver Started(string participants = Participants)
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start, Consultation(participants), Acts.End("bound", "approved"), Acts.End("decided", "completed")),
            ["start:done -> meet", "meet:resolved -> bound", "meet:decided -> decided"],
            """[{"name":"consultation","type":"json"}]"""));
        driver.Start(Convened);
        return driver;
    }

    private static readonly JsonObject Minutes = new()
    {
        ["attendance"] = "planning: Wang; greening: Lin",
        ["videoSession"] = "政务视频会议 room 3, 2026-04-02 14:00",
        ["discussion"] = "The sign is 3 m² over the plan; the applicant offered to reduce it.",
        ["resolutions"] = "Reduce the sign to 2 m²\nNo lighting after 22:00",
    };

    private static RunResult RecordMinutes(Driver driver, string outcome = "resolved", JsonObject? data = null) =>
        driver.Complete("meet", outcome, Convened.AddDays(1), (JsonObject)(data ?? Minutes).DeepClone(), by: "clerk-wang");

    private static TaskRecord OpenIn(Driver driver, string department) =>
        driver.Current.Tasks.Single(t => t.ActivityId == "meet" && t.Department == department && t.Status == HumanTaskStatus.Open);

    private static RunResult Answer(Driver driver, string department, string outcome, JsonObject? data = null, string by = "clerk-lin") =>
        driver.Send(new TaskCompletedStimulus(OpenIn(driver, department).Id, outcome, data, by), Convened.AddDays(2));

    [Test]
    public void The_convener_records_the_minutes_first_due_in_working_days_skipping_Qingming()
    {
        var driver = Started();

        var task = driver.OpenTask("meet");
        using (Assert.EnterMultipleScope())
        {
            Assert.That((task.Department, task.Role), Is.EqualTo(("planning-resources", "reviewer")));
            Assert.That(task.Outcomes, Is.EqualTo(new[] { "resolved", "unresolved" }));
            Assert.That(task.DueDate, Is.EqualTo(new DateOnly(2026, 4, 9)));
            Assert.That(task.Instructions, Does.Contain("outdoor-advertising plan").And.Contain("does not suspend the legal clock"));
            Assert.That(driver.PendingTimers, Is.Empty, "due dates are shown, not enforced: silence is no signature");
        }
    }

    [Test]
    public void Minutes_without_resolutions_are_refused_naming_the_field_and_change_nothing()
    {
        var driver = Started();
        var before = driver.Current.ToJson();

        var result = RecordMinutes(driver, data: new JsonObject { ["attendance"] = "Wang, Lin", ["videoSession"] = "room 3", ["discussion"] = "agreed" });

        Assert.That(result.Rejection?.Code, Is.EqualTo("invalid-data"));
        Assert.That(result.Rejection?.Message, Does.Contain("'resolutions'").And.Contain("required for the outcome 'resolved'"));
        Assert.That(driver.Current.ToJson(), Is.EqualTo(before));
    }

    [Test]
    public void Minutes_too_long_for_the_signing_tasks_are_refused_and_change_nothing()
    {
        var driver = Started();
        var before = driver.Current.ToJson();
        var minutes = (JsonObject)Minutes.DeepClone();
        minutes["discussion"] = new string('议', 3000);

        var result = RecordMinutes(driver, data: minutes);

        Assert.That(result.Rejection?.Code, Is.EqualTo("invalid-data"));
        Assert.That(result.Rejection?.Message, Does.Contain("'discussion'").And.Contain("at most 3000"));
        Assert.That(driver.Current.ToJson(), Is.EqualTo(before));
    }

    [Test]
    public void Every_participant_gets_a_signing_task_showing_the_minutes_and_their_hash()
    {
        var driver = Started();

        RecordMinutes(driver);

        var signing = driver.Current.Tasks.Where(t => t.ActivityId == "meet" && t.Status == HumanTaskStatus.Open).ToList();
        var hash = (string)driver.Current.Tokens.Single().Work!["minutesSha256"]!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(signing.Select(t => t.Department), Is.EqualTo(new[] { "planning-resources", "greening-city-appearance" }));
            Assert.That(signing.Select(t => t.Outcomes), Is.All.EqualTo(new[] { "sign", "object" }));
            Assert.That(hash, Does.Match("^[0-9a-f]{64}$"));
            Assert.That(signing[1].Instructions, Does.Contain(hash).And.Contain("Resolutions:\n1. Reduce the sign to 2 m²\n2. No lighting after 22:00\n"));
            Assert.That(driver.Current.Milestones["meet-minutes-recorded"], Is.EqualTo(new DateOnly(2026, 4, 2)));
            Assert.That(driver.Current.Variables["consultation"], Is.Null, "nothing binds yet");
        }
    }

    [Test]
    public void The_resolutions_bind_only_when_every_participant_has_signed_each_signature_recording_the_hash()
    {
        var driver = Started();
        RecordMinutes(driver);
        var hash = (string)driver.Current.Tokens.Single().Work!["minutesSha256"]!;

        Answer(driver, "planning-resources", "sign", by: "clerk-wang");
        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Running), "one signature of two binds nothing");
        Assert.That(driver.Current.Variables["consultation"], Is.Null);
        Answer(driver, "greening-city-appearance", "sign", new JsonObject { ["minutesSha256"] = hash });

        var saved = driver.Current.Variables["consultation"]!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(driver.Current.Outcome, Is.EqualTo("approved"), "left by resolved");
            Assert.That(saved["resolutions"]!.AsArray().Select(r => (string?)r), Is.EqualTo(new[] { "Reduce the sign to 2 m²", "No lighting after 22:00" }));
            Assert.That(saved["signatures"]!.AsArray().Select(s => ((string?)s!["department"], (string?)s["by"], (string?)s["minutesSha256"])),
                Is.EqualTo(new[] { ("planning-resources", "clerk-wang", hash), ("greening-city-appearance", "clerk-lin", hash) }));
            Assert.That(driver.Current.Milestones["meet-all-signed"], Is.EqualTo(new DateOnly(2026, 4, 3)));
        }
    }

    [Test]
    public void A_signature_naming_other_minutes_is_refused_and_changes_nothing()
    {
        var driver = Started();
        RecordMinutes(driver);
        var before = driver.Current.ToJson();

        var result = Answer(driver, "greening-city-appearance", "sign", new JsonObject { ["minutesSha256"] = new string('0', 64) });

        Assert.That(result.Rejection?.Code, Is.EqualTo("invalid-data"));
        Assert.That(result.Rejection?.Message, Does.Contain("is not the SHA-256 of the minutes"));
        Assert.That(driver.Current.ToJson(), Is.EqualTo(before));
    }

    [Test]
    public void An_objection_without_reasons_is_refused_and_changes_nothing()
    {
        var driver = Started();
        RecordMinutes(driver);
        var before = driver.Current.ToJson();

        var result = Answer(driver, "greening-city-appearance", "object", new JsonObject { ["reasons"] = " " });

        Assert.That(result.Rejection?.Message, Does.Contain("'reasons'").And.Contain("required for the outcome 'object'"));
        Assert.That(driver.Current.ToJson(), Is.EqualTo(before));
    }

    [Test]
    public void An_objection_withdraws_the_other_signatures_and_the_common_superior_decides_with_reasons()
    {
        var driver = Started();
        RecordMinutes(driver);

        Answer(driver, "greening-city-appearance", "object", new JsonObject { ["reasons"] = "2 m² is still over the plan" });

        var superior = driver.OpenTask("meet");
        using (Assert.EnterMultipleScope())
        {
            Assert.That((superior.Department, superior.Role), Is.EqualTo(("city-government", "government-head")));
            Assert.That(superior.Instructions, Does.Contain("greening-city-appearance objected").And.Contain("2 m² is still over the plan"));
            Assert.That(driver.EffectsOf<TaskCancelled>().Single().Reason, Does.Contain("objected"));
            Assert.That(driver.Current.Tasks.Single(t => t.Department == "planning-resources" && t.Outcomes.Contains("sign")).Status, Is.EqualTo(HumanTaskStatus.Cancelled));
        }
        Assert.That(driver.Complete("meet", "decide", Convened.AddDays(3), new JsonObject { ["decision"] = "reduce to 1.5 m²" }).Rejection?.Message,
            Does.Contain("'reasons'"));

        driver.Complete("meet", "decide", Convened.AddDays(3), new JsonObject { ["decision"] = "reduce to 1.5 m²", ["reasons"] = "the plan's limit" }, by: "head-zhou");

        var saved = driver.Current.Variables["consultation"]!;
        Assert.That(driver.Current.Outcome, Is.EqualTo("completed"), "left by decided");
        Assert.That(((string?)saved["decision"], (string?)saved["decidedBy"]), Is.EqualTo(("reduce to 1.5 m²", "head-zhou")));
        Assert.That(driver.Current.Milestones.ContainsKey("meet-all-signed"), Is.False);
    }

    [Test]
    public void Minutes_that_record_no_resolution_go_straight_to_the_superior()
    {
        var driver = Started();

        RecordMinutes(driver, "unresolved", new JsonObject { ["attendance"] = "Wang, Lin", ["videoSession"] = "room 3", ["discussion"] = "no agreement on the size" });

        var superior = driver.OpenTask("meet");
        Assert.That(superior.Department, Is.EqualTo("city-government"));
        Assert.That(superior.Instructions, Does.Contain("did not resolve"));
    }

    [Test]
    public void Participants_computed_as_something_other_than_departments_fault_naming_the_input()
    {
        var driver = Started("['planning-resources'].concat([42])");

        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Faulted));
        Assert.That(driver.Current.Fault!.Message, Does.Contain("input 'participants': 42 is not a department slug"));
    }

    [TestCase("[]", "no-participants")]
    [TestCase("['Planning Resources']", "invalid-department")]
    public void Validate_refuses_a_literal_participant_list_it_cannot_hold(string participants, string code)
    {
        var definition = Def.Flow(
            Acts.List(Acts.Start, Consultation(participants), Acts.End()),
            ["start:done -> meet", "meet:resolved -> end", "meet:decided -> end"],
            """[{"name":"consultation","type":"json"}]""", validate: false);

        var errors = ProcedureValidator.Validate(definition, Def.File);

        Assert.That(errors.Select(e => (e.Path, e.Code)), Is.EqualTo(new[] { ("$.activities[1].inputs.participants", code) }));
    }
}
