using CloudApproval.Cases.Applications;
using CloudApproval.Cases.Tests.Support;
using static CloudApproval.Cases.Tests.Applications.OnlineApplicant;

namespace CloudApproval.Cases.Tests.Applications;

/// <summary>The applicant's own list, keyset-paged, and withdrawing a draft.</summary>
public sealed class MyApplicationsTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private ManualClock _clock = null!;

    private ApplicationReader Reader => _host.Get<ApplicationReader>();

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _clock = new ManualClock(ManualClock.MondayMorning);
        _host = await CasesHost.StartAsync(_folder, _clock);
        await _host.ImportAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Test]
    public async Task Pages_WalkEveryApplicationOnce_NewestFirst_AndTheStatusFilterHolds()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await DraftWithAsync(_host, Chen));
            _clock.Advance(TimeSpan.FromMinutes(1));
        }
        var (submitted, _) = await SubmittedAsync(_host, Chen);
        await DraftWithAsync(_host, Liu);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Reader.PageAsync(new ApplicationQuery { Limit = 2, After = cursor }, Chen);
            seen.AddRange(page.Applications.Select(a => a.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);
        var onlySubmitted = await Reader.PageAsync(new ApplicationQuery { Status = ApplicationStatus.Submitted }, Chen);

        Assert.That(pages, Is.EqualTo(3));
        Assert.That(seen, Is.EqualTo(new[] { submitted }.Concat(Enumerable.Reverse(ids))));
        Assert.That(onlySubmitted.Applications.Select(a => a.Id), Is.EqualTo(new[] { submitted }));
    }

    [Test]
    public async Task ABadCursorOrLimit_IsRefusedNamingIt()
    {
        var cursor = await Assert.ThrowsAsync<CasesException>(() => Reader.PageAsync(new ApplicationQuery { After = "yesterday" }, Chen));
        var limit = await Assert.ThrowsAsync<CasesException>(() => Reader.PageAsync(new ApplicationQuery { Limit = 0 }, Chen));

        Assert.That(cursor!.Message, Does.Contain("'yesterday'"));
        Assert.That(limit!.Message, Does.Contain("limit"));
    }

    [Test]
    public async Task WithdrawingADraft_RemovesIt_ButASubmittedApplicationStays()
    {
        var draft = await DraftWithAsync(_host, Chen, "application-form");
        var (submitted, _) = await SubmittedAsync(_host, Chen);
        var drafts = _host.Get<ApplicationDrafts>();

        await drafts.WithdrawAsync(draft, Chen);
        var refused = await Assert.ThrowsAsync<CasesException>(() => drafts.WithdrawAsync(submitted, Chen));
        var others = await Assert.ThrowsAsync<CasesException>(() => drafts.WithdrawAsync(submitted, Liu));

        Assert.That(refused!.Code, Is.EqualTo("application-submitted"));
        Assert.That(others!.Code, Is.EqualTo("unknown-application"));
        Assert.That((await Reader.PageAsync(new ApplicationQuery(), Chen)).Applications.Select(a => a.Id), Is.EqualTo(new[] { submitted }));
    }
}
