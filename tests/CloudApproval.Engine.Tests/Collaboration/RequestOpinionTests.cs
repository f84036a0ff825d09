using System.Text.Json.Nodes;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Collaboration;

/// <summary>
/// 征询意见: the consulted department's task, its structured reply, its due date in working days capped at the legal due
/// date, and the three silence policies (escalate to the head, deemed consent with a legal basis, block).
/// </summary>
public sealed class RequestOpinionTests
{
    // Wednesday 2026-04-01: 5 working days are 04-02, 04-03, 04-07, 04-08, 04-09 (Qingming 04-04..06 off).
    private static readonly DateTimeOffset Asked = China.At(2026, 4, 1, 10);

    private static string Request(string extra = "") =>
        Acts.Of("opinion", "RequestOpinion", $$"""{"department":"planning-resources","role":"reviewer","questions":"Does the site plan fit the zoning?","due":"5wd","saveAs":"reply"{{extra}}}""");

    private static Driver Started(string extra = "", string before = "", string[]? more = null)
    {
        var activities = before.Length == 0
            ? Acts.List(Acts.Start, Request(extra), Acts.End("agreed"), Acts.End("conditional", "completed"), Acts.End("refused", "rejected"))
            : Acts.List(Acts.Start, before, Request(extra), Acts.End("agreed"), Acts.End("conditional", "completed"), Acts.End("refused", "rejected"));
        string[] connections = [before.Length == 0 ? "start:done -> opinion" : "start:done -> clock", "opinion:agree -> agreed", "opinion:agree-with-conditions -> conditional", "opinion:disagree -> refused", .. more ?? []];
        var driver = new Driver(Def.Flow(activities, connections, """[{"name":"reply","type":"json"}]"""));
        driver.Start(Asked);
        return driver;
    }

    [Test]
    public void Request_PutsATaskInTheConsultedDepartmentsInbox_DueOnTheFifthWorkingDay_SkippingQingming()
    {
        var driver = Started();

        var task = driver.OpenTask("opinion");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.Department, Is.EqualTo("planning-resources"));
            Assert.That(task.Role, Is.EqualTo("reviewer"));
            Assert.That(task.Outcomes, Is.EqualTo(new[] { "agree", "agree-with-conditions", "disagree" }));
            Assert.That(task.DueDate, Is.EqualTo(new DateOnly(2026, 4, 9)));
            Assert.That(task.Instructions, Does.Contain("Does the site plan fit the zoning?").And.Contain("head"));
            Assert.That(driver.Pending(TimerPurpose.Deadline).DueAt, Is.EqualTo(China.Midnight(2026, 4, 10)));
        }
    }

    [Test]
    public void The_request_shares_only_the_listed_materials_and_its_escalation_shares_the_same()
    {
        var driver = Started(extra: ",\"materials\":\"['site-plan','green-space-scheme']\"");
        Assert.That(driver.OpenTask("opinion").SharedMaterials, Is.EqualTo(new[] { "site-plan", "green-space-scheme" }));

        driver.Fire(driver.Pending(TimerPurpose.Deadline));

        Assert.That(driver.OpenTask("opinion").SharedMaterials, Is.EqualTo(new[] { "site-plan", "green-space-scheme" }), "the head reads what the department was shown");
        Assert.That(Started().OpenTask("opinion").SharedMaterials, Is.Empty, "no materials listed: the questions alone, never the whole case");
    }

    [Test]
    public void Due_IsCappedAtTheRunningLegalClocksDueDate_AndTheTaskSaysSo()
    {
        var clock = Acts.Of("clock", "StartLegalClock", """{"limit":"3wd"}""");
        var driver = Started(before: clock, more: ["clock:done -> opinion"]);

        var task = driver.OpenTask("opinion");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.DueDate, Is.EqualTo(new DateOnly(2026, 4, 7)), "3 working days from 04-01: 04-02, 04-03, 04-07");
            Assert.That(task.DueCappedByLegalLimit, Is.True);
            Assert.That(driver.Pending(TimerPurpose.Deadline).DueAt, Is.EqualTo(China.Midnight(2026, 4, 8)), "silence is decided at the capped due date");
        }
    }

    [TestCase("agree-with-conditions", "conditions")]
    [TestCase("disagree", "reasons")]
    public void AReplyWithoutItsConditionsOrReasons_IsRefused_NamingTheField_AndChangesNothing(string outcome, string field)
    {
        var driver = Started();

        var result = driver.Complete("opinion", outcome, Asked.AddHours(1), new JsonObject { [field] = "   " });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Rejection?.Code, Is.EqualTo("invalid-data"));
            Assert.That(result.Rejection?.Message, Does.Contain($"'{field}'").And.Contain($"required for the outcome '{outcome}'"));
            Assert.That(driver.OpenTask("opinion").Status, Is.EqualTo(HumanTaskStatus.Open));
        }
    }

    [Test]
    public void AgreeWithConditions_LeavesByItsPort_AndSavesTheConditions()
    {
        var driver = Started();

        driver.Complete("opinion", "agree-with-conditions", Asked.AddHours(1), new JsonObject { ["conditions"] = "reduce the sign to 2 m²" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(driver.Current.Outcome, Is.EqualTo("completed"), "left by the agree-with-conditions port");
            Assert.That((string?)driver.Current.Variables["reply"]!["conditions"], Is.EqualTo("reduce the sign to 2 m²"));
        }
    }

    [Test]
    public void Silence_UnderEscalate_PassesTheSameRequestToTheDepartmentsHead_AndTheFlowKeepsWaiting()
    {
        var driver = Started();
        var first = driver.OpenTask("opinion");

        driver.Fire(driver.Pending(TimerPurpose.Deadline));

        var escalated = driver.OpenTask("opinion");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(driver.Current.Tasks.Single(t => t.Id == first.Id).Status, Is.EqualTo(HumanTaskStatus.Cancelled));
            Assert.That(driver.EffectsOf<TaskCancelled>().Single().Reason, Is.EqualTo("no reply by 2026-04-09: escalated to department-head"));
            Assert.That(escalated.Id, Is.Not.EqualTo(first.Id));
            Assert.That(escalated.Role, Is.EqualTo("department-head"));
            Assert.That(escalated.Department, Is.EqualTo("planning-resources"));
            Assert.That(escalated.Instructions, Does.StartWith("Escalated: reviewer did not reply by 2026-04-09."));
            Assert.That(driver.EffectsOf<TaskCreated>().Single().Task.Id, Is.EqualTo(escalated.Id));
            Assert.That(driver.PendingTimers, Is.Empty, "the head must answer: no second deadline");
            Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Running));
        }

        driver.Complete("opinion", "disagree", Asked.AddDays(10), new JsonObject { ["reasons"] = "the plan exceeds the height limit" }, by: "head-qian");
        Assert.That(driver.Current.Outcome, Is.EqualTo("rejected"));
    }

    [Test]
    public void A_reply_sends_one_opinion_reply_to_the_lead_sealed_by_the_department_that_answered()
    {
        var driver = Started(""","replyTo":"market-supervision" """);

        driver.Complete("opinion", "disagree", Asked.AddHours(1), new JsonObject { ["reasons"] = "over the height limit" }, by: "clerk-wang");

        var reply = driver.EffectsOf<NoticeSent>().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That((reply.NoticeType, reply.Template, reply.Recipient, reply.Issuer), Is.EqualTo(("opinion-reply", "opinion-reply", "market-supervision", "planning-resources")));
            Assert.That((string?)reply.Data!["questions"], Is.EqualTo("Does the site plan fit the zoning?"));
            Assert.That(((string?)reply.Data["outcome"], (string?)reply.Data["reasons"], (string?)reply.Data["answeredBy"]), Is.EqualTo(("disagree", "over the height limit", "clerk-wang")));
        }
    }

    [Test]
    public void A_deemed_consent_is_recorded_by_the_lead_not_sealed_in_the_silent_departments_name()
    {
        var driver = Started(""","silencePolicy":"deemed-consent","legalBasis":"《某某条例》第十条","replyTo":"market-supervision" """);

        driver.Fire(driver.Pending(TimerPurpose.Deadline));

        var reply = driver.EffectsOf<NoticeSent>().Single();
        Assert.That(reply.Issuer, Is.EqualTo("market-supervision"));
        Assert.That(((bool?)reply.Data!["deemed"], (string?)reply.Data["noReplyBy"], (string?)reply.Data["legalBasis"]), Is.EqualTo((true, "2026-04-09", "《某某条例》第十条")));
        Assert.That(reply.Data["answeredBy"], Is.Null);
    }

    [Test]
    public void Silence_UnderDeemedConsent_AgreesBySystemDeadline_RecordingNoReplyByAndTheLegalBasis()
    {
        var driver = Started(""","silencePolicy":"deemed-consent","legalBasis":"《某某条例》第十条" """);

        driver.Fire(driver.Pending(TimerPurpose.Deadline));

        var task = driver.Task("opinion");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.Outcome, Is.EqualTo("agree"));
            Assert.That(task.CompletedBy, Is.EqualTo("system:deadline"));
            Assert.That((bool?)task.Data!["deemed"], Is.True);
            Assert.That((string?)task.Data["noReplyBy"], Is.EqualTo("2026-04-09"));
            Assert.That((string?)task.Data["legalBasis"], Is.EqualTo("《某某条例》第十条"));
            Assert.That(driver.Current.Variables["reply"]!["noReplyBy"]!.ToString(), Is.EqualTo("2026-04-09"));
            Assert.That(driver.Current.Outcome, Is.EqualTo("approved"));
        }
    }

    [Test]
    public void Silence_UnderBlock_HasNoDeadline_TheCaseWaits()
    {
        var driver = Started(""","silencePolicy":"block" """);

        Assert.That(driver.PendingTimers, Is.Empty);
        Assert.That(driver.OpenTask("opinion").Instructions, Does.Contain("waits for your reply"));
    }

    [Test]
    public void DeemedConsent_FromAVariableWithoutALegalBasis_FaultsNamingTheInput()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start, Acts.Of("opinion", "RequestOpinion", """{"department":"planning-resources","role":"reviewer","questions":"q","due":"5wd","silencePolicy":"$policy"}"""), Acts.End()),
            ["start:done -> opinion", "opinion:agree -> end", "opinion:agree-with-conditions -> end", "opinion:disagree -> end"],
            """[{"name":"policy","type":"text","default":"deemed-consent"}]"""));

        driver.Start(Asked);

        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Faulted));
        Assert.That(driver.Current.Fault!.Message, Does.Contain("deemed consent needs the legal basis"));
    }

    [TestCase(""","silencePolicy":"deemed-consent" """, "$.activities[1].inputs.legalBasis", "missing-legal-basis")]
    [TestCase(""","silencePolicy":"silence-is-golden" """, "$.activities[1].inputs.silencePolicy", "unknown-choice")]
    public void Validate_RefusesASilencePolicyItCannotApply(string extra, string path, string code)
    {
        var definition = Def.Flow(
            Acts.List(Acts.Start, Request(extra), Acts.End()),
            ["start:done -> opinion", "opinion:agree -> end", "opinion:agree-with-conditions -> end", "opinion:disagree -> end"],
            """[{"name":"reply","type":"json"}]""", validate: false);

        var errors = ProcedureValidator.Validate(definition, Def.File);

        Assert.That(errors.Select(e => (e.Path, e.Code)), Is.EqualTo(new[] { (path, code) }));
    }

    [Test]
    public void Validate_RefusesARequiredForOutcomeTheTaskDoesNotHave()
    {
        var definition = Def.Flow(
            Acts.List(Acts.Start, Acts.Task("review", "\"approve\",\"reject\"", """ "form":[{"name":"reasons","label":"Reasons","type":"text","requiredFor":["refuse"]}] """), Acts.End()),
            ["start:done -> review", "review:approve -> end", "review:reject -> end"], validate: false);

        var errors = ProcedureValidator.Validate(definition, Def.File);

        Assert.That(errors.Select(e => (e.Path, e.Code)), Is.EqualTo(new[] { ("$.activities[1].inputs.form", "unknown-outcome") }));
        Assert.That(errors.Single().Message, Does.Contain("form[0].requiredFor: 'refuse' is not one of the task's outcomes (approve, reject)"));
    }
}
