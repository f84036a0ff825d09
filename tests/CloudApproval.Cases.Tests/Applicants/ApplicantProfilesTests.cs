using CloudApproval.Cases.Applicants;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tests.Applicants;

public sealed class ApplicantProfilesTests
{
    private static readonly Actor Chen = new("applicant-chen", "陈静", [ActorRoles.Applicant]);

    private TempFolder _folder = null!;
    private ManualClock _clock = null!;
    private CasesHost _host = null!;

    private ApplicantProfiles Profiles => _host.Get<ApplicantProfiles>();

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _clock = new ManualClock(ManualClock.MondayMorning);
        _host = await CasesHost.StartAsync(_folder, _clock);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private static ProfileInput Enterprise(string creditCode = "91350100M000100Y43", EServiceInput? consent = null) => new(
        "enterprise", "上海某某餐饮有限公司", creditCode, new PersonInput("陈静", "11010519491231002X"), ElectronicService: consent);

    [Test]
    public async Task Get_IsNotFound_BeforeTheFirstSave()
    {
        var refused = await Assert.ThrowsAsync<CasesException>(() => Profiles.GetAsync(Chen));

        Assert.That(refused!.Code, Is.EqualTo("unknown-profile"));
        Assert.That(refused.Kind, Is.EqualTo(RefusalKind.NotFound));
    }

    [Test]
    public async Task Save_StoresTheProfile_WithTheRealNameLevelAndTimeOfTheEmbeddedVerifier()
    {
        var saved = await Profiles.SaveAsync(Enterprise(consent: new EServiceInput(true, ["decisions", "notices"])), Chen);

        var read = await Profiles.GetAsync(Chen);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(read, Is.EqualTo(saved).Using<ApplicantProfileView>((a, b) => a.ToString() == b.ToString()));
            Assert.That(read.Kind, Is.EqualTo(ApplicantKind.Enterprise));
            Assert.That(read.CreditCode, Is.EqualTo("91350100M000100Y43"));
            Assert.That(read.LegalRepresentative, Is.EqualTo(new PersonView("陈静", "11010519491231002X")));
            Assert.That(read.RealName, Is.EqualTo(new RealNameView(RealNameLevel.CodesChecked, _clock.GetUtcNow().UtcDateTime, CodeCheckVerification.Name)));
            Assert.That(read.ElectronicService.Consented, Is.True);
            Assert.That(read.ElectronicService.Scope, Is.EqualTo(new[] { "decisions", "notices" }));
            Assert.That(read.ElectronicService.RecordedAt, Is.EqualTo(_clock.GetUtcNow().UtcDateTime));
            Assert.That(read.Credit, Is.EqualTo(new CreditView(false, false, null)));
        }
    }

    [Test]
    public async Task Save_RefusesACreditCodeFailingItsCheck_NamingTheField_AndChangesNothing()
    {
        await Profiles.SaveAsync(Enterprise(), Chen);

        var refused = await Assert.ThrowsAsync<CasesException>(() => Profiles.SaveAsync(Enterprise("91350100M000100Y44") with { Name = "Another name" }, Chen));

        Assert.That(refused!.Code, Is.EqualTo("invalid-credit-code"));
        Assert.That(refused.Message, Does.StartWith("creditCode: ").And.Contain("check character"));
        var read = await Profiles.GetAsync(Chen);
        Assert.That(read.Name, Is.EqualTo("上海某某餐饮有限公司"));
    }

    [Test]
    public async Task Save_NamesEveryBadField()
    {
        var input = new ProfileInput("person", " ", IdNumber: "110105194912310021", Agent: new PersonInput("刘洋", "440524188001010015"),
            ElectronicService: new EServiceInput(true, ["decisions", "faxes"]));

        var refused = await Assert.ThrowsAsync<CasesException>(() => Profiles.SaveAsync(input, Chen));

        Assert.That(refused!.Code, Is.EqualTo("invalid-profile"));
        Assert.That(refused.Message, Does.Contain("name: required").And.Contain("idNumber: ").And.Contain("agent.idNumber: ").And.Contain("electronicService.scope[1]: 'faxes'"));
    }

    [Test]
    public async Task Save_KeepsTheTimeOfConsent_UntilTheConsentChanges()
    {
        var consent = new EServiceInput(true, ["decisions"]);
        var first = await Profiles.SaveAsync(Enterprise(consent: consent), Chen);
        _clock.Advance(TimeSpan.FromDays(1));

        var unchanged = await Profiles.SaveAsync(Enterprise(consent: consent) with { Name = "上海某某餐饮管理有限公司" }, Chen);
        _clock.Advance(TimeSpan.FromDays(1));
        var withdrawn = await Profiles.SaveAsync(Enterprise(consent: new EServiceInput(false)), Chen);

        Assert.That(unchanged.ElectronicService.RecordedAt, Is.EqualTo(first.ElectronicService.RecordedAt));
        Assert.That(withdrawn.ElectronicService, Is.EqualTo(new EServiceView(false, [], _clock.GetUtcNow().UtcDateTime)).Using<EServiceView>((a, b) =>
            a.Consented == b.Consented && a.Scope.SequenceEqual(b.Scope) && a.RecordedAt == b.RecordedAt));
        Assert.That(unchanged.RealName.VerifiedAt, Is.EqualTo(_clock.GetUtcNow().UtcDateTime.AddDays(-1)), "the name changed, so the real name was verified again");
    }

    [Test]
    public async Task RecordCredit_StoresTheFlags_ForAnAdministratorOnly()
    {
        await Profiles.SaveAsync(Enterprise(), Chen);

        var refused = await Assert.ThrowsAsync<CasesException>(() => Profiles.RecordCreditAsync("applicant-chen", true, false, Chen));
        var flagged = await Profiles.RecordCreditAsync("applicant-chen", true, false, new Actor("admin", null, [ActorRoles.Admin]));

        Assert.That(refused!.Kind, Is.EqualTo(RefusalKind.Forbidden));
        Assert.That(flagged.Credit, Is.EqualTo(new CreditView(true, false, _clock.GetUtcNow().UtcDateTime)));
        var resaved = await Profiles.SaveAsync(Enterprise(), Chen);
        Assert.That(resaved.Credit.SeriousBadCredit, Is.True, "an applicant's own save does not clear a flag");
    }

    [Test]
    public async Task Profiles_AreForApplicantsOnly_OnePerUser()
    {
        var clerk = new Actor("clerk-li", null, [ActorRoles.Clerk]);
        var liu = new Actor("applicant-liu", null, [ActorRoles.Applicant]);

        Assert.That((await Assert.ThrowsAsync<CasesException>(() => Profiles.SaveAsync(Enterprise(), clerk)))!.Kind, Is.EqualTo(RefusalKind.Forbidden));
        await Profiles.SaveAsync(Enterprise(), Chen);
        await Profiles.SaveAsync(new ProfileInput("person", "刘洋", IdNumber: "440524188001010014"), liu);
        await Profiles.SaveAsync(Enterprise(), Chen);

        await using var db = _host.Db();
        Assert.That(await db.ApplicantProfiles.OrderBy(p => p.UserName).Select(p => p.UserName).ToListAsync(), Is.EqualTo(new[] { "applicant-chen", "applicant-liu" }));
        Assert.That((await Profiles.GetAsync(liu)).Kind, Is.EqualTo(ApplicantKind.Person));
    }
}
