using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Licences;
using CloudApproval.Cases.Tests.Support;
using static CloudApproval.Cases.Tests.Licences.LicenceFixture;

namespace CloudApproval.Cases.Tests.Licences;

/// <summary>Art. 44: a licence must reach its holder within 10 working days of the decision, else its department's head is alerted.</summary>
public sealed class DeliveryCheckTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    /// <summary>Monday 2 March 2026: ten working days later is Monday 16 March.</summary>
    private readonly ManualClock _clock = new(ManualClock.MondayMorning);

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, _clock, configure: s => s with { SealKeysFolder = _folder.File("seals") });
        await _host.ImportAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Test]
    public async Task AnUndeliveredLicence_IsAlertedOnceAfterTenWorkingDays_AndTheRecordedDeliveryResolvesIt()
    {
        var number = (await LicenceOfAsync(_host, await ApprovedCaseAsync(_host))).Number;
        var check = _host.Get<DeliveryCheck>();
        var alerts = _host.Get<DeliveryAlerts>();

        _clock.Set(new DateTimeOffset(2026, 3, 16, 23, 0, 0, TimeSpan.FromHours(8)));
        Assert.That(await check.RunAsync(), Is.Zero, "the tenth working day is not over");

        _clock.Set(new DateTimeOffset(2026, 3, 17, 9, 0, 0, TimeSpan.FromHours(8)));
        Assert.That(await check.RunAsync(), Is.EqualTo(1));
        Assert.That(await check.RunAsync(), Is.Zero, "raised once");
        Assert.That((await alerts.OpenAsync(HeadZhou)).Select(a => (a.LicenceNumber, a.DueDate)), Is.EqualTo(new[] { (number, new DateOnly(2026, 3, 16)) }));
        Assert.That(await alerts.OpenAsync(HeadQian), Is.Empty, "another department's head");
        Assert.That((await Expect.RefusedAsync(() => alerts.OpenAsync(ClerkLi))).Code, Is.EqualTo("forbidden"));

        Assert.That((await Expect.RefusedAsync(() => _host.Get<RecordDelivery>().RunAsync(number, "pigeon", ClerkLi))).Code, Is.EqualTo("invalid-input"));
        await _host.Get<RecordDelivery>().RunAsync(number, "counter", ClerkLi);

        Assert.That(await alerts.OpenAsync(HeadZhou), Is.Empty);
        Assert.That((await LicenceAsync(_host, number)).DeliveredBy, Is.EqualTo("counter:clerk-li"));
        Assert.That((await Expect.RefusedAsync(() => _host.Get<RecordDelivery>().RunAsync(number, "post", ClerkLi))).Code, Is.EqualTo("licence-delivered"));
        Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Actor.Operator("auditor")), Is.Empty);
    }
}
