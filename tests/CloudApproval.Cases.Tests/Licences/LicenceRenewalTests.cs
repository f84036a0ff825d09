using System.Text.Json.Nodes;
using CloudApproval.Cases.Applications;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Documents;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Licences;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CloudApproval.Cases.Tests.Licences.LicenceFixture;

namespace CloudApproval.Cases.Tests.Licences;

/// <summary>
/// Renewal of a licence (延续, Administrative Licensing Law art. 50): applied for by its holder at least 30 days before its
/// last day; undecided on that day, the licence counts as renewed; the decided renewal's licence continues it without a gap.
/// A one-year test permit issued on Monday 2 March 2026 holds until 1 March 2027; the renewal must come by 30 January 2027.
/// </summary>
public sealed class LicenceRenewalTests
{
    private const string Matter = "renewable-permit";
    private static readonly Actor Chen = new("applicant-chen", "陈静", [ActorRoles.Applicant]);
    private static readonly Actor Liu = new("applicant-liu", "刘洋", [ActorRoles.Applicant]);
    private static readonly DateOnly FirstLastDay = new(2027, 3, 1);

    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private readonly ManualClock _clock = new(ManualClock.MondayMorning);

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, _clock, configure: s => s with { SealKeysFolder = _folder.File("seals") });
        await _host.ImportAsync();
        var workflows = _folder.File("test-workflows");
        Procedures.Write(workflows, DecideProcedure());
        Directory.CreateDirectory(Path.Combine(workflows, "matters"));
        File.WriteAllText(Path.Combine(workflows, "matters", Matter + ".json"), MatterJson());
        var report = await _host.ImportAsync(workflows);
        Assert.That(report.MattersAdded, Does.Contain(Matter));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Test]
    public async Task A_timely_renewal_undecided_on_the_last_day_counts_as_renewed_and_its_later_decision_continues_the_licence()
    {
        var first = await IssuedAsync(Chen);
        Assert.That(first.ValidUntil, Is.EqualTo(FirstLastDay));

        At(2027, 1, 20);
        var (_, renewalCase) = await ApplyAsync(Chen, first.Number);

        await FireExpiryAsync(first.Number);
        var deemed = await LicenceAsync(_host, first.Number);
        Assert.That((deemed.Status, deemed.EffectiveUntil, deemed.DeemedRenewedFrom), Is.EqualTo((LicenceStatus.Valid, new DateOnly(2028, 3, 1), (DateOnly?)new DateOnly(2027, 3, 2))),
            "one more year from 2 March 2027, ending the day before its anniversary");
        Assert.That(deemed.DeemedRenewedAt, Is.EqualTo((DateTime?)_clock.GetUtcNow().UtcDateTime));
        Assert.That(await NoticesAsync(LicenceNotices.DeemedRenewed), Is.EqualTo(1));
        Assert.That(await NoticesAsync(LicenceNotices.Expired), Is.Zero, "a licence renewed by law is not told it expired");
        Assert.That((await _host.Get<VerifyLicence>().RunAsync(first.Number)).Status, Is.EqualTo("deemed-renewed"));
        Assert.That((await RemindersAsync(first.Number)).Where(r => r.Status == LicenceReminderStatus.Pending).Select(r => r.ForUntil).Distinct(),
            Is.EqualTo(new[] { new DateOnly(2028, 3, 1) }), "the timers of the renewed term");

        // Hangfire runs a job at least once: a second run changes nothing.
        await FireExpiryAsync(first.Number, expectPending: false);
        Assert.That(await NoticesAsync(LicenceNotices.DeemedRenewed), Is.EqualTo(1));

        At(2027, 3, 10);
        await DecideAsync(renewalCase, "approve");
        var renewed = await LicenceAsync(_host, first.Number);
        var successor = await LicenceOfAsync(_host, renewalCase);
        Assert.That((successor.ValidFrom, successor.ValidUntil), Is.EqualTo((new DateOnly(2027, 3, 2), new DateOnly(2028, 3, 1))),
            "the decision issues the term the licence was deemed renewed for, not a year from the decision");
        Assert.That((renewed.RenewedBy, renewed.EffectiveUntil), Is.EqualTo(((string?)successor.Number, FirstLastDay)), "the first licence gives way the day the successor begins");
        Assert.That((await RemindersAsync(first.Number)).Where(r => r.Status == LicenceReminderStatus.Pending), Is.Empty);
        Assert.That((await _host.Get<VerifyLicence>().RunAsync(first.Number)).RenewedBy, Is.EqualTo(successor.Number));
        Assert.That((await _host.Get<VerifyLicence>().RunAsync(first.Number)).Status, Is.EqualTo("renewed"));
        Assert.That((await _host.Get<VerifyLicence>().RunAsync(successor.Number)).Status, Is.EqualTo("valid"));
        Assert.That((await _host.AuditAsync(first.CaseId)).Select(e => e.Action), Does.Contain("licence-deemed-renewed").And.Contain("licence-renewed"));
        Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Actor.Operator("auditor")), Is.Empty);
    }

    [Test]
    public async Task A_renewal_decided_before_the_last_day_begins_the_day_after_and_the_first_licence_never_expires_with_a_notice()
    {
        var first = await IssuedAsync(Chen);
        At(2026, 12, 1);
        var (_, renewalCase) = await ApplyAsync(Chen, first.Number);
        await DecideAsync(renewalCase, "approve");
        var successor = await LicenceOfAsync(_host, renewalCase);
        Assert.That((successor.ValidFrom, successor.ValidUntil), Is.EqualTo((new DateOnly(2027, 3, 2), new DateOnly(2028, 3, 1))));
        Assert.That((await _host.Get<VerifyLicence>().RunAsync(successor.Number)).Status, Is.EqualTo("not-yet-valid"));
        Assert.That((await _host.Get<VerifyLicence>().RunAsync(first.Number)).Status, Is.EqualTo("valid"), "it holds until its own last day");

        At(2027, 3, 2);
        Assert.That((await _host.Get<VerifyLicence>().RunAsync(first.Number)).Status, Is.EqualTo("renewed"));
        Assert.That((await _host.Get<VerifyLicence>().RunAsync(successor.Number)).Status, Is.EqualTo("valid"));
        Assert.That((await RemindersAsync(first.Number)).Where(r => r.Status == LicenceReminderStatus.Pending), Is.Empty, "its timers stopped at the renewal");
        Assert.That(await NoticesAsync(LicenceNotices.Expired), Is.Zero);
    }

    [Test]
    public async Task A_refused_renewal_leaves_the_licence_to_expire_on_its_last_day()
    {
        var first = await IssuedAsync(Chen);
        At(2027, 1, 5);
        var (_, renewalCase) = await ApplyAsync(Chen, first.Number);
        await DecideAsync(renewalCase, "refuse");
        await FireExpiryAsync(first.Number);
        var expired = await LicenceAsync(_host, first.Number);
        Assert.That((expired.Status, expired.DeemedRenewedAt), Is.EqualTo((LicenceStatus.Expired, (DateTime?)null)));
        Assert.That(await NoticesAsync(LicenceNotices.Expired), Is.EqualTo(1));
    }

    [Test]
    public async Task A_renewal_is_refused_with_the_field_named_when_late_pending_for_another_matter_or_for_a_licence_not_held()
    {
        var first = await IssuedAsync(Chen);
        var drafts = _host.Get<ApplicationDrafts>();

        At(2027, 1, 31);
        var late = await Assert.ThrowsAsync<CasesException>(() => drafts.CreateAsync(Matter, null, Chen, first.Number));
        Assert.That((late!.Code, late.Message), Is.EqualTo(("renewal-too-late",
            $"renews: licence {first.Number} holds until 2027-03-01; art. 50 asks for a renewal at least 30 days before, by 2027-01-30: apply for a new licence instead")));

        At(2027, 1, 30);
        var notHeld = await Assert.ThrowsAsync<CasesException>(() => drafts.CreateAsync(Matter, null, Liu, first.Number));
        Assert.That((notHeld!.Code, notHeld.Message), Is.EqualTo(("licence-not-yours", $"renews: no licence of yours has the number {first.Number}")));
        var otherMatter = await Assert.ThrowsAsync<CasesException>(() => drafts.CreateAsync("food-business-licence", SeedParticulars.For("food-business-licence"), Chen, first.Number));
        Assert.That(otherMatter!.Message, Does.StartWith($"renews: licence {first.Number} was issued for matter {Matter}"));

        var draft = await drafts.CreateAsync(Matter, null, Chen, first.Number);
        Assert.That(draft.Renews, Is.EqualTo(first.Number));
        await ApplyAsync(Chen, first.Number);
        var pending = await Assert.ThrowsAsync<CasesException>(() => drafts.CreateAsync(Matter, null, Chen, first.Number));
        Assert.That((pending!.Code, CasesException.KindOf(pending.Code)), Is.EqualTo(("renewal-pending", RefusalKind.Conflict)));

        // The draft opened before the other renewal was submitted is checked again at submission.
        await drafts.UploadAsync(draft.Id, "application-form", "form.pdf", new MemoryStream(Pdf("again")), Chen);
        var twice = await Assert.ThrowsAsync<CasesException>(() => _host.Get<SubmitApplication>().RunAsync(draft.Id, false, Chen));
        Assert.That(twice!.Code, Is.EqualTo("renewal-pending"));
    }

    [Test]
    public async Task The_signed_application_names_the_licence_it_renews()
    {
        var first = await IssuedAsync(Chen);
        At(2027, 1, 20);
        var (applicationId, _) = await ApplyAsync(Chen, first.Number);
        await using var db = _host.Db();
        var statement = await db.ApplicationSignatures.AsNoTracking()
            .Where(s => s.ApplicationId == applicationId && s.Kind == StatementKinds.Application).Select(s => s.CanonicalText).SingleAsync();
        Assert.That(JsonNode.Parse(statement)!["renews"]!.GetValue<string>(), Is.EqualTo(first.Number));
    }

    [Test]
    public async Task Every_notice_of_a_licence_life_gets_its_sealed_document()
    {
        var first = await IssuedAsync(Chen);
        At(2027, 1, 20);
        await ApplyAsync(Chen, first.Number);
        await FireExpiryAsync(first.Number);
        var second = await IssuedAsync(Liu);
        await _host.Get<RevokeLicence>().RunAsync(second.Number, "premises closed", HeadZhou);

        await _host.Get<IssueDocuments>().SweepAsync();
        await using var db = _host.Db();
        var licenceNotices = await db.Notices.AsNoTracking().Where(n => n.ActivityId == LicenceNotices.Activity).ToListAsync();
        Assert.That(licenceNotices.Select(n => n.NoticeType), Is.SupersetOf(new[] { LicenceNotices.DeemedRenewed, LicenceNotices.Revoked }));
        var documented = await db.Documents.AsNoTracking().Select(d => d.NoticeId).ToListAsync();
        Assert.That(licenceNotices.Select(n => n.Id), Is.SubsetOf(documented), "each rendered from its template and sealed");
    }

    [TestCase("2026-06-05", "2031-06-04", "2031-06-05", "2036-06-04")]
    [TestCase("2028-02-29", "2029-02-28", "2029-03-01", "2030-02-28")]
    [TestCase("2026-03-02", "2026-05-01", "2026-05-02", "2026-07-01")]
    public void A_continuing_term_is_as_long_as_the_first_in_calendar_terms(string validFrom, string validUntil, string from, string expected)
    {
        Assert.That(LicenceRenewal.SamePeriod(DateOnly.Parse(from), DateOnly.Parse(validFrom), DateOnly.Parse(validUntil)), Is.EqualTo(DateOnly.Parse(expected)));
    }

    private void At(int year, int month, int day) => _clock.Set(new DateTimeOffset(year, month, day, 9, 30, 0, TimeSpan.FromHours(8)));

    /// <summary>Applies for the matter (renewing <paramref name="renews"/> if given): its application and case.</summary>
    private async Task<(string ApplicationId, string CaseId)> ApplyAsync(Actor applicant, string? renews = null)
    {
        var drafts = _host.Get<ApplicationDrafts>();
        var draft = await drafts.CreateAsync(Matter, new JsonObject { ["site"] = "静安区" }, applicant, renews);
        await drafts.UploadAsync(draft.Id, "application-form", "form.pdf", new MemoryStream(Pdf(applicant.Id)), applicant);
        var submission = await _host.Get<SubmitApplication>().RunAsync(draft.Id, false, applicant);
        return (draft.Id, submission.Outcome.CaseId);
    }

    private async Task DecideAsync(string caseId, string outcome) =>
        await _host.Tasks.CompleteAsync((await _host.OpenTaskAsync(caseId, "decide")).Id, outcome, null, ClerkLi);

    private async Task<Licence> IssuedAsync(Actor applicant)
    {
        _clock.Set(ManualClock.MondayMorning);
        var (_, caseId) = await ApplyAsync(applicant);
        await DecideAsync(caseId, "approve");
        return await LicenceOfAsync(_host, caseId);
    }

    /// <summary>Runs the licence's pending expiry timer as Hangfire would, just after the end of its last day.</summary>
    private async Task FireExpiryAsync(string number, bool expectPending = true)
    {
        var expiry = (await RemindersAsync(number)).Where(r => r.Kind == LicenceReminder.Expire).OrderBy(r => r.Id).First(r => !expectPending || r.Status == LicenceReminderStatus.Pending);
        _clock.Set(new DateTimeOffset(expiry.DueAt, TimeSpan.Zero).AddSeconds(1));
        await _host.Get<LicenceReminderJob>().FireAsync(expiry.Id, CancellationToken.None);
    }

    private async Task<List<LicenceReminder>> RemindersAsync(string number)
    {
        await using var db = _host.Db();
        return await db.LicenceReminders.AsNoTracking().Where(r => r.LicenceNumber == number).OrderBy(r => r.Id).ToListAsync();
    }

    private async Task<int> NoticesAsync(string type)
    {
        await using var db = _host.Db();
        return await db.Notices.CountAsync(n => n.NoticeType == type);
    }

    private static byte[] Pdf(string marker) => Applications.OnlineApplicant.Pdf(marker);

    /// <summary>A one-year permit decided by one clerk's task: approve issues it, refuse ends without one.</summary>
    private static JsonObject DecideProcedure() => JsonNode.Parse("""
        {
          "definitionId": "renewable-permit",
          "version": 1,
          "name": "Renewable permit (test procedure)",
          "variables": [],
          "activities": [
            { "id": "start", "type": "Start", "inputs": {} },
            { "id": "decide", "type": "UserTask", "inputs": { "title": "Decide", "role": "reviewer", "department": "market-supervision", "outcomes": ["approve", "refuse"] } },
            { "id": "issue", "type": "IssueLicence", "inputs": { "licenceType": "renewable-permit", "validity": "1y" } },
            { "id": "approved", "type": "End", "inputs": { "outcome": "approved" } },
            { "id": "refused", "type": "End", "inputs": { "outcome": "rejected" } }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "decide" },
            { "source": "decide", "outcome": "approve", "target": "issue" },
            { "source": "decide", "outcome": "refuse", "target": "refused" },
            { "source": "issue", "outcome": "done", "target": "approved" }
          ]
        }
        """)!.AsObject();

    private static string MatterJson() => """
        {
          "code": "renewable-permit",
          "name": { "zh": "可延续许可（测试）", "en": "Renewable permit (test)" },
          "department": "market-supervision",
          "procedure": { "definitionId": "renewable-permit" },
          "legalLimitWorkingDays": 20,
          "promisedLimitWorkingDays": 10,
          "materials": [
            { "code": "application-form", "name": { "zh": "申请表", "en": "Application form" }, "key": true, "deferrable": false,
              "replaceableByCommitment": false, "fileTypes": ["pdf"], "maxSizeMb": 10 }
          ],
          "commitment": { "offered": false, "excludedApplicants": [] },
          "licence": { "type": "renewable-permit", "name": { "zh": "可延续许可证", "en": "Renewable permit" }, "validityYears": 1, "prefix": "RP" },
          "legalBasis": [{ "title": "《中华人民共和国行政许可法》", "article": "第五十条" }]
        }
        """;
}
