using System.Net;
using System.Text.Json.Nodes;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

public sealed class MattersAndProfileApiTests
{
    private static WebHost s_host = null!;

    [OneTimeSetUp]
    public static void StartHost() => s_host = new WebHost();

    [OneTimeTearDown]
    public static void StopHost() => s_host.Dispose();

    [Test]
    public async Task Matters_ListsTheSeedCatalogue_ToAnonymousCallers()
    {
        using var client = s_host.CreateClient();

        using var response = await client.GetAsync("/api/matters");

        var matters = (await response.ExpectAsync(HttpStatusCode.OK, "the catalogue")).AsArray();
        var codes = Directory.GetFiles(Path.Combine(Repo.Workflows, "matters"), "*.json").Select(Path.GetFileNameWithoutExtension);
        Assert.That(matters.Select(m => (string)m!["code"]!), Is.EquivalentTo(codes));
        var food = matters.Single(m => (string)m!["code"]! == "food-business-licence")!;
        Assert.That((string)food["name"]!["zh"]!, Is.EqualTo("食品经营许可"));
        Assert.That((string)food["department"]!, Is.EqualTo("market-supervision"));
        Assert.That((string)food["contentHash"]!, Has.Length.EqualTo(64));
    }

    [Test]
    public async Task Matters_FiltersByDepartment()
    {
        using var client = s_host.CreateClient();

        using var response = await client.GetAsync("/api/matters?department=greening-city-appearance");

        var matters = (await response.ExpectAsync(HttpStatusCode.OK, "greening's matters")).AsArray();
        Assert.That(matters.Select(m => (string)m!["code"]!), Is.EqualTo(new[] { "outdoor-advertising-permit", "tree-felling-relocation-permit" }));
    }

    [Test]
    public async Task Matter_ShowsLimitsMaterialsCommitmentTermsLicenceAndBasis()
    {
        using var client = await s_host.ClientForAsync("applicant-chen");

        using var response = await client.GetAsync("/api/matters/food-business-licence");

        var matter = await response.ExpectAsync(HttpStatusCode.OK, "one matter");
        Assert.That((int)matter["legalLimitWorkingDays"]!, Is.EqualTo(20));
        Assert.That((int)matter["promisedLimitWorkingDays"]!, Is.EqualTo(5));
        Assert.That((string)matter["procedure"]!["definitionId"]!, Is.EqualTo("commitment"));
        var licence = matter["materials"]!.AsArray().Single(m => (string)m!["code"]! == "business-licence")!;
        Assert.That((string)licence["satisfiedByELicence"]!, Is.EqualTo("business-licence"));
        Assert.That(matter["commitment"]!["excludedApplicants"]!.AsArray().Select(e => (string)e!), Does.Contain("serious-bad-credit").And.Contain("false-commitment"));
        Assert.That((int)matter["licence"]!["validityYears"]!, Is.EqualTo(5));
        Assert.That((string)matter["legalBasis"]![0]!["title"]!, Does.Contain("食品安全法"));
    }

    [Test]
    public async Task UnknownMatter_Is404ProblemDetails()
    {
        using var client = s_host.CreateClient();

        using var response = await client.GetAsync("/api/matters/no-such-matter");

        var problem = await response.ExpectAsync(HttpStatusCode.NotFound, "unknown matter");
        Assert.That((string)problem["code"]!, Is.EqualTo("unknown-matter"));
        Assert.That((string)problem["detail"]!, Does.Contain("no-such-matter"));
    }

    [Test]
    public async Task Profile_Is404BeforeTheFirstSave_ThenWhatWasSaved()
    {
        using var client = await s_host.ClientForAsync("applicant-liu");
        using var before = await client.GetAsync("/api/my/profile");
        var missing = await before.ExpectAsync(HttpStatusCode.NotFound, "no profile yet");

        using var put = await client.PutAsync("/api/my/profile", HttpApi.Json("""
            {"kind":"enterprise","name":"上海某某人力资源有限公司","creditCode":"91350100M000100Y43",
             "legalRepresentative":{"name":"刘洋","idNumber":"440524188001010014"},
             "agent":{"name":"陈静","idNumber":"11010519491231002X"},
             "electronicService":{"consented":true,"scope":["notices","decisions"]}}
            """));
        var saved = await put.ExpectAsync(HttpStatusCode.OK, "save");
        using var after = await client.GetAsync("/api/my/profile");
        var read = await after.ExpectAsync(HttpStatusCode.OK, "read back");

        Assert.That((string)missing["code"]!, Is.EqualTo("unknown-profile"));
        Assert.That(read.ToJsonString(), Is.EqualTo(saved.ToJsonString()));
        Assert.That((string)read["kind"]!, Is.EqualTo("enterprise"));
        Assert.That((string)read["realName"]!["level"]!, Is.EqualTo("codesChecked"));
        Assert.That(read["realName"]!["verifiedAt"], Is.Not.Null);
        Assert.That((bool)read["electronicService"]!["consented"]!, Is.True);
        Assert.That(read["electronicService"]!["scope"]!.AsArray().Select(s => (string)s!), Is.EqualTo(new[] { "decisions", "notices" }));
        Assert.That((bool)read["credit"]!["seriousBadCredit"]!, Is.False);
    }

    [Test]
    public async Task Profile_RefusesACodeFailingItsCheck_With400NamingTheField()
    {
        using var client = await s_host.ClientForAsync("applicant-chen");

        using var response = await client.PutAsync("/api/my/profile", HttpApi.Json("""
            {"kind":"enterprise","name":"上海某某餐饮有限公司","creditCode":"91350100M000100Y44",
             "legalRepresentative":{"name":"陈静","idNumber":"11010519491231002X"}}
            """));

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest, "bad credit code");
        Assert.That((string)problem["code"]!, Is.EqualTo("invalid-credit-code"));
        Assert.That((string)problem["detail"]!, Does.StartWith("creditCode: '91350100M000100Y44' fails its check character"));
        using var get = await client.GetAsync("/api/my/profile");
        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "nothing was saved");
    }

    [Test]
    public async Task Profile_RefusesAnUnknownField_With400NamingIt()
    {
        using var client = await s_host.ClientForAsync("applicant-chen");

        using var response = await client.PutAsync("/api/my/profile", HttpApi.Json("""{"kind":"person","name":"陈静","idNumber":"11010519491231002X","seriousBadCredit":false}"""));

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest, "a flag is not the applicant's to set");
        Assert.That((string)problem["detail"]!, Does.Contain("seriousBadCredit"));
    }
}
