using System.Text.Json.Nodes;
using CloudApproval.Cases.Applications;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CloudApproval.Cases.Tests.Applications.OnlineApplicant;

namespace CloudApproval.Cases.Tests.Applications;

/// <summary>
/// The particulars of an application checked against its matter's form (food business licence): at draft save, at
/// every change while a draft, and again at submission; every problem names its field (<c>particulars.&lt;key&gt;</c>).
/// </summary>
public sealed class ParticularsTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;

    private ApplicationDrafts Drafts => _host.Get<ApplicationDrafts>();

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, new ManualClock(ManualClock.MondayMorning));
        await _host.ImportAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Test]
    public async Task A_draft_with_bad_particulars_is_refused_naming_every_field_and_nothing_is_stored()
    {
        var data = SeedParticulars.For(Matter, d =>
        {
            d.Remove("shopName");                    // required
            d["businessArea"] = 0;                   // below min 1
            d["mainBusinessType"] = "bakery";        // not an option
            d["centralKitchen"] = "yes";             // not a boolean
            d["contactPhone"] = "12345";             // not the pattern
            d["premisesAddress"] = new string('路', 201); // over maxLength
            d["seats"] = 24;                         // not a field
        });

        var refused = await Assert.ThrowsAsync<CasesException>(() => Drafts.CreateAsync(Matter, data, Chen));

        Assert.That(refused!.Code, Is.EqualTo(ApplicationParticulars.InvalidCode));
        Assert.That(refused.Kind, Is.EqualTo(RefusalKind.Invalid));
        var named = refused.Message.Split("; ").Select(p => p[..p.IndexOf(':', StringComparison.Ordinal)]);
        Assert.That(named, Is.EquivalentTo(new[]
        {
            "particulars.seats", "particulars.shopName", "particulars.premisesAddress", "particulars.businessArea",
            "particulars.mainBusinessType", "particulars.centralKitchen", "particulars.contactPhone",
        }));
        await using var db = _host.Db();
        Assert.That(await db.Applications.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task A_drafts_particulars_can_be_changed_and_are_stored_trimmed()
    {
        var draft = await Drafts.CreateAsync(Matter, SeedParticulars.For(Matter), Chen);

        var changed = await Drafts.UpdateParticularsAsync(draft.Id, SeedParticulars.For(Matter, d => { d["shopName"] = "  陈记面馆 "; d["businessArea"] = 60.5m; }), Chen);

        Assert.That((string?)changed.Data["shopName"], Is.EqualTo("陈记面馆"));
        var read = await _host.Get<ApplicationReader>().GetAsync(draft.Id, Chen);
        Assert.That((decimal)read.Data["businessArea"]!, Is.EqualTo(60.5m));
    }

    [Test]
    public async Task A_bad_change_is_refused_and_keeps_the_particulars_saved_before()
    {
        var draft = await Drafts.CreateAsync(Matter, SeedParticulars.For(Matter), Chen);

        var refused = await Assert.ThrowsAsync<CasesException>(() => Drafts.UpdateParticularsAsync(draft.Id, SeedParticulars.For(Matter, d => d["businessArea"] = "big"), Chen));

        Assert.That(refused!.Message, Does.StartWith("particulars.businessArea: '经营场所面积（平方米）' (Business area (m²)) must be a number"));
        var read = await _host.Get<ApplicationReader>().GetAsync(draft.Id, Chen);
        Assert.That((int)read.Data["businessArea"]!, Is.EqualTo(45));
    }

    [Test]
    public async Task Another_applicants_draft_is_unknown_and_a_submitted_ones_particulars_never_change()
    {
        var (id, _) = await SubmittedAsync(_host, Chen);

        var submitted = await Assert.ThrowsAsync<CasesException>(() => Drafts.UpdateParticularsAsync(id, SeedParticulars.For(Matter), Chen));
        var other = await Assert.ThrowsAsync<CasesException>(() => Drafts.UpdateParticularsAsync(id, SeedParticulars.For(Matter), Liu));

        Assert.That(submitted!.Code, Is.EqualTo("application-submitted"));
        Assert.That(submitted.Kind, Is.EqualTo(RefusalKind.Conflict));
        Assert.That(other!.Kind, Is.EqualTo(RefusalKind.NotFound));
    }

    [Test]
    public async Task Submission_checks_the_particulars_again_and_starts_no_case_when_they_fail()
    {
        var id = await DraftWithAsync(_host, Chen, Required);
        // As if the matter's form had changed since the draft was saved: the stored data no longer passes.
        await using (var db = _host.Db())
            await db.Applications.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.DataJson, """{"shopName":"陈记小吃"}"""));

        var refused = await Assert.ThrowsAsync<CasesException>(() => _host.Get<SubmitApplication>().RunAsync(id, false, Chen));

        Assert.That(refused!.Code, Is.EqualTo(ApplicationParticulars.InvalidCode));
        Assert.That(refused.Message, Does.Contain("particulars.premisesAddress:").And.Contain("particulars.contactPhone:"));
        await using var check = _host.Db();
        Assert.That(await check.Cases.CountAsync(), Is.Zero);
        Assert.That((await check.Applications.SingleAsync()).Status, Is.EqualTo(ApplicationStatus.Draft));
    }

    [Test]
    public async Task The_receipt_lists_the_particulars_with_their_labels_in_the_forms_order()
    {
        var (id, _) = await SubmittedAsync(_host, Chen);

        var receipt = (await _host.Get<ApplicationReader>().GetAsync(id, Chen)).Receipt!;

        Assert.That(receipt.Particulars!.Select(p => p.Key), Is.EqualTo(new[] { "shopName", "premisesAddress", "businessArea", "mainBusinessType", "centralKitchen", "contactPhone" }));
        Assert.That(receipt.Particulars![4].Label.En, Is.EqualTo("Has a central kitchen"));
        Assert.That(receipt.Particulars![3].ValueLabel!.Zh, Is.EqualTo("餐饮服务经营者"));
    }
}
