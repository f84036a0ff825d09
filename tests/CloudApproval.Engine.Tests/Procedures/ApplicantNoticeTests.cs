using System.Text.Json.Nodes;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Procedures;

/// <summary>
/// What the seed procedures tell the applicant when they say no or close a case (issue #7 item 12): scenarios check
/// which notices go out, these tests check what they say. Each drives the real runner along a short path of the
/// procedure on disk and reads the data of the notice it sent.
/// </summary>
public sealed class ApplicantNoticeTests
{
    private static readonly string[] Procedures = ["commitment", "deficiency-pending", "remote-survey", "online-hearing"];

    [TestCaseSource(nameof(Procedures))]
    public void NonAcceptance_StatesTheReasonAndTheRemedies(string procedure)
    {
        var run = new Drive(procedure);

        run.Complete("pre-review", "reject", new JsonObject { ["reason"] = "the activity needs no licence" });

        var notice = run.Notice("non-acceptance");
        Assert.That(Text(notice, "reason"), Is.EqualTo("the activity needs no licence"));
        AssertRemedies(notice);
    }

    [TestCaseSource(nameof(Procedures))]
    public void NonAcceptance_ForAnotherOrgansMatter_NamesThatOrgan(string procedure)
    {
        var run = new Drive(procedure);

        run.Complete("pre-review", "refer-to-competent-organ", new JsonObject { ["competentOrgan"] = "Huangpu District Market Supervision Bureau" });

        var notice = run.Notice("non-acceptance");
        Assert.That(Text(notice, "competentOrgan"), Is.EqualTo("Huangpu District Market Supervision Bureau"));
        Assert.That(Text(notice, "reason"), Does.Contain("第三十二条"));
        AssertRemedies(notice);
        Assert.That(run.State.Outcome, Is.EqualTo("rejected"));
    }

    [TestCaseSource(nameof(Procedures))]
    public void CorrectionRequest_StatesItsPeriodAndTheConsequence_AndAMissedOneClosesTheCaseWithANotice(string procedure)
    {
        var run = new Drive(procedure);

        run.Complete("pre-review", "request-correction", new JsonObject { ["corrections"] = "site plan without dimensions" });
        var request = run.Notice("correction-request")["items"]!;
        Assert.That(Text(request, "corrections"), Is.EqualTo("site plan without dimensions"));
        Assert.That(Text(request, "period"), Is.EqualTo("15wd"));
        Assert.That(Text(request, "consequence"), Does.Contain("deemed withdrawn"));

        run.FireTimersUntilEnd();

        var closure = run.Notice("closure");
        Assert.That(Text(closure, "reason"), Does.Contain("deemed withdrawn"));
        AssertRemedies(closure);
        Assert.That(run.State.Outcome, Is.EqualTo("withdrawn"));
    }

    [TestCaseSource(nameof(Procedures))]
    public void Refusal_StatesTheReviewersReasonsAndTheRemedies(string procedure)
    {
        var run = new Drive(procedure);
        run.Complete("pre-review", "accept");
        var decider = procedure switch
        {
            "commitment" => run.Event("commitment-signed").Then("review"),
            "remote-survey" => run.FireTimer().Event("evidence-submitted")
                .Complete("survey-record", "recorded", new JsonObject { ["result"] = "fail", ["findings"] = "no fixing visible" })
                .Complete("cosign", "signed", by: "surveyor-wu").Event("record-acknowledged").Then("failed-survey"),
            "online-hearing" => run.FireTimer().Then("review"),
            _ => run.Then("review"),
        };

        run.Complete(decider, "reject", new JsonObject { ["opinion"] = "the site does not meet the standard" });

        var decision = run.Notice("decision");
        Assert.That(Text(decision, "reason"), Is.EqualTo("the site does not meet the standard"));
        AssertRemedies(decision);
        Assert.That(run.State.Outcome, Is.EqualTo("rejected"));
    }

    [Test]
    public void Termination_AfterAMissedSupplementAndGracePeriod_StatesTheReasonAndTheRemedies()
    {
        var run = new Drive("deficiency-pending");
        run.Complete("pre-review", "accept-with-deficiency", new JsonObject { ["missingMaterials"] = "credit certificate" });
        run.Event("commitment-signed");

        run.FireTimersUntilEnd();

        Assert.That(Text(run.Notice("supplement-overdue"), "grace"), Is.EqualTo("5wd"));
        var termination = run.Notice("termination");
        Assert.That(Text(termination, "missing"), Is.EqualTo("credit certificate"));
        AssertRemedies(termination);
        Assert.That(run.State.Outcome, Is.EqualTo("terminated"));
    }

    [Test]
    public void Revocation_RecordsTheReapplicationBar_ForAFalseCommitmentInASafetyMatter()
    {
        var run = new Drive("commitment", new JsonObject { ["publicSafetyMatter"] = true });
        run.Complete("pre-review", "accept").Event("commitment-signed")
            .Complete("review", "approve", new JsonObject { ["opinion"] = "approved on the commitment" })
            .Complete("verify", "false-commitment", new JsonObject { ["method"] = "site-inspection", ["findings"] = "no office at the address" });
        Assert.That(Text(run.Notice("statement-rights"), "ground"), Does.Contain("第六十九条"));
        run.Event("statement-submitted", new JsonObject { ["statement"] = "we moved" })
            .Complete("revocation-decision", "revoke", new JsonObject { ["reasons"] = "moving does not cure a false commitment" }, by: "head-zhou");

        var revocation = run.Notice("revocation");
        Assert.That(Text(revocation, "reapplicationBar"), Does.Contain("3 years").And.Contain("第七十九条"));
        Assert.That(Text(revocation, "reasons"), Is.EqualTo("moving does not cure a false commitment"));
        AssertRemedies(revocation);
        Assert.That(Text(run.Notice("credit-record"), "kind"), Does.Contain("false commitment"));
        Assert.That(run.State.Outcome, Is.EqualTo("revoked"));
    }

    private static void AssertRemedies(JsonNode notice) =>
        Assert.That(Text(notice, "remedies"), Does.Contain("within 60 days").And.Contain("within 6 months"));

    private static string? Text(JsonNode notice, string field) => notice[field]?.GetValue<string>();
}
