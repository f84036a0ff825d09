using CloudApproval.Cases.Applicants;
using CloudApproval.Cases.Matters;

namespace CloudApproval.Cases.Tests.Applicants;

public sealed class ApplicantEligibilityTests
{
    private static Matter Matter(bool offered, params string[] excluded) => new(
        "food-business-licence", new MatterName("食品经营许可", "Food business licence"), "market-supervision",
        new ProcedureBinding("commitment", null), 20, 5,
        [new MatterMaterial("application-form", new MatterName("申请书", "Application form"), true, false, false, null, ["pdf"], 10)],
        new CommitmentTerms(offered, offered ? [MatterVocabulary.SeriousBadCredit, MatterVocabulary.FalseCommitment, .. excluded] : []),
        null, [new LegalBasis("《中华人民共和国食品安全法》", "第三十五条")]);

    private static ApplicantProfileView Profile(ApplicantKind kind = ApplicantKind.Enterprise, bool badCredit = false, bool falseCommitment = false, bool agent = false) => new(
        "applicant-chen", kind, "上海某某餐饮有限公司", kind == ApplicantKind.Enterprise ? "91350100M000100Y43" : null,
        kind == ApplicantKind.Enterprise ? new PersonView("陈静", "11010519491231002X") : null,
        kind == ApplicantKind.Person ? "11010519491231002X" : null,
        agent ? new PersonView("刘洋", "440524188001010014") : null,
        new RealNameView(RealNameLevel.CodesChecked, DateTime.UtcNow, CodeCheckVerification.Name),
        new CreditView(badCredit, falseCommitment, null),
        new EServiceView(false, [], null),
        DateTime.UtcNow);

    [Test]
    public void ForCommitment_Allows_AnUnflaggedEnterprise_WhenTheMatterOffersIt() =>
        Assert.That(ApplicantEligibility.ForCommitment(Profile(), Matter(offered: true)).IsAllowed, Is.True);

    [Test]
    public void ForCommitment_Refuses_WhenTheMatterDoesNotOfferIt()
    {
        var answer = ApplicantEligibility.ForCommitment(Profile(), Matter(offered: false));

        Assert.That(answer, Is.EqualTo(Eligibility.Refused("commitment-not-offered", "食品经营许可 (food-business-licence) does not offer approval on a commitment (告知承诺)")));
    }

    [Test]
    public void ForCommitment_Refuses_AnApplicantWithSeriousBadCredit()
    {
        var answer = ApplicantEligibility.ForCommitment(Profile(badCredit: true), Matter(offered: true));

        Assert.That(answer.IsAllowed, Is.False);
        Assert.That(answer.Code, Is.EqualTo("serious-bad-credit"));
        Assert.That(answer.Reason, Does.Contain("serious bad credit"));
    }

    [Test]
    public void ForCommitment_Refuses_AnApplicantWithAnEarlierFalseCommitment()
    {
        var answer = ApplicantEligibility.ForCommitment(Profile(falseCommitment: true), Matter(offered: true));

        Assert.That(answer.Code, Is.EqualTo("false-commitment"));
        Assert.That(answer.Reason, Does.Contain("false commitment"));
    }

    [Test]
    public void ForCommitment_Refuses_APerson_WhenTheMatterExcludesPersons()
    {
        var answer = ApplicantEligibility.ForCommitment(Profile(ApplicantKind.Person), Matter(true, MatterVocabulary.Persons));

        Assert.That(answer.Code, Is.EqualTo("persons"));
        Assert.That(ApplicantEligibility.ForCommitment(Profile(), Matter(true, MatterVocabulary.Persons)).IsAllowed, Is.True, "an enterprise still may");
    }

    [Test]
    public void ForCommitment_Refuses_AnApplicationThroughAnAgent_WhenTheMatterExcludesAgents()
    {
        var answer = ApplicantEligibility.ForCommitment(Profile(agent: true), Matter(true, MatterVocabulary.ThroughAgent));

        Assert.That(answer.Code, Is.EqualTo("through-agent"));
        Assert.That(ApplicantEligibility.ForCommitment(Profile(agent: true), Matter(offered: true)).IsAllowed, Is.True, "agents are fine elsewhere");
    }
}
