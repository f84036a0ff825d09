using System.Text.Json.Nodes;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Tests.Procedures;

/// <summary>
/// Rules of the seed procedures that no scenario can show, because the shell enforces them: the engine must record
/// them on the tasks it creates (issue #7 items 10-11).
/// </summary>
public sealed class ProcedureRuleTests
{
    [Test]
    public void OnlineHearing_TheDecisionTasks_MayNotBeHeldByTheHearingOfficer()
    {
        var run = new Drive("online-hearing");
        run.Complete("pre-review", "accept").Event("hearing-requested")
            .Complete("organise-hearing", "organised", new JsonObject { ["hearingOfficer"] = "officer-ma", ["place"] = "room 1" }, by: "head-zhou")
            .FireTimer()
            .Complete("hearing-session", "held", new JsonObject { ["participants"] = "applicant; reviewer" }, by: "officer-ma")
            .Event("record-confirmed");

        Assert.That(run.OpenTask("review").NotSameAs, Is.EqualTo("hearing-session"));

        run.Complete("review", "request-extension", new JsonObject { ["opinion"] = "more time" }, by: "reviewer-gu")
            .Complete("head-approval", "refuse", new JsonObject { ["reasons"] = "not needed" }, by: "head-zhou");
        Assert.That(run.OpenTask("final-review").NotSameAs, Is.EqualTo("hearing-session"));
    }

    [Test]
    public void RemoteSurvey_TheSecondSurveyor_IsNotTheOneWhoWroteTheRecord()
    {
        var run = new Drive("remote-survey");
        run.Complete("pre-review", "accept").FireTimer().Event("evidence-submitted")
            .Complete("survey-record", "recorded", new JsonObject { ["result"] = "pass", ["findings"] = "as applied" }, by: "surveyor-he");

        Assert.That(run.OpenTask("cosign").NotSameAs, Is.EqualTo("survey-record"));
    }

    [Test]
    public void RemoteSurvey_TheSurveyDoesNotStopTheClock()
    {
        var run = new Drive("remote-survey");
        run.Complete("pre-review", "accept");
        var due = run.State.Clock!.DueDate;

        run.FireTimer().Event("evidence-submitted")
            .Complete("survey-record", "recorded", new JsonObject { ["result"] = "pass", ["findings"] = "as applied" }, by: "surveyor-he")
            .Complete("cosign", "signed", by: "surveyor-wu").Event("record-acknowledged");

        Assert.That(run.State.Clock.Status, Is.EqualTo(ClockStatus.Running));
        Assert.That(run.State.Clock.Suspensions, Is.Empty);
        Assert.That(run.State.Clock.DueDate, Is.EqualTo(due));
    }

    [Test]
    public void DeficiencyPending_TheSupplementDeadline_IsNoLaterThanThePromisedLimit()
    {
        var run = new Drive("deficiency-pending");

        run.Complete("pre-review", "accept-with-deficiency", new JsonObject { ["missingMaterials"] = "credit certificate" }).Event("commitment-signed");

        var deadline = run.State.Timers.Single(t => t.ActivityId == "wait-supplement" && t.Purpose == TimerPurpose.Deadline && t.Status == TimerStatus.Pending);
        Assert.That(run.State.Clock!.PromisedDueDate, Is.Not.Null);
        Assert.That(deadline.DueAt, Is.LessThanOrEqualTo(ChinaTime.EndOf(run.State.Clock.PromisedDueDate!.Value)));
        Assert.That(run.OpenTask("review").Outcomes, Does.Contain("approve"), "the decision need not wait for the supplement");
    }
}
