using System.Text.Json.Nodes;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Documents;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Tests.Support;
using CloudApproval.Cases.Timers;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tests.Collaboration;

/// <summary>
/// An opinion reply (征询意见回复) is an official document: issued by the ordinary document job, sealed by the department
/// that answered, addressed to the lead department, and not the applicant's to read. Real joint-review cases (v4 by
/// default: the lead is market-supervision; it consults planning, greening and human resources).
/// </summary>
public sealed class OpinionReplyDocumentTests
{
    private static readonly Actor Lin = new("clerk-lin", null, [ActorRoles.Clerk], ["greening-city-appearance"], ["reviewer"]);
    private static readonly Actor Chen = new("applicant-chen", null, [ActorRoles.Applicant]);
    private static readonly Actor Auditor = new("auditor-sun", null, [ActorRoles.Auditor]);

    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private readonly ManualClock _clock = new(ManualClock.MondayMorning);

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, _clock);
        await _host.ImportAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<string> StartAsync(string silencePolicy)
    {
        var input = new JsonObject { ["silencePolicy"] = silencePolicy, ["opinionPeriod"] = "10wd" };
        if (silencePolicy == "deemed-consent") input["silenceLegalBasis"] = "《某市建设项目并联审批办法》第十二条";
        return (await _host.Runtime.StartAsync("joint-review", null, input, Actor.Operator("applicant-chen"))).CaseId;
    }

    private async Task<List<Notice>> RepliesAsync(string caseId)
    {
        await using var db = _host.Db();
        return await db.Notices.AsNoTracking().Where(n => n.CaseId == caseId && n.NoticeType == "opinion-reply").OrderBy(n => n.Id).ToListAsync();
    }

    private async Task<Document> IssueAsync(Notice notice)
    {
        var id = await _host.Get<IssueDocuments>().IssueAsync(notice.Id);
        await using var db = _host.Db();
        return await db.Documents.AsNoTracking().SingleAsync(d => d.Id == id);
    }

    /// <summary>The document's text: from the PDF, or the HTML where no CJK font was found.</summary>
    private async Task<string> TextOfAsync(string documentId)
    {
        var file = await _host.Get<DocumentReader>().OpenAsync(documentId, Auditor);
        using var bytes = new MemoryStream();
        await file.Content.CopyToAsync(bytes);
        await file.Content.DisposeAsync();
        if (file.MediaType != DocumentMedia.Pdf) return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes.ToArray());
        return string.Concat(pdf.GetPages().Select(p => p.Text));
    }

    private async Task AssertAuditCleanAsync(string caseId)
    {
        var verification = await _host.VerifyAsync(caseId);
        Assert.That(verification.Intact, Is.True, verification.Reason);
        Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Actor.Operator("auditor")), Is.Empty);
    }

    [Test]
    public async Task A_reply_issues_exactly_one_document_sealed_by_the_replying_department_that_verifies()
    {
        var caseId = await StartAsync("escalate");
        var task = (await _host.TasksOfAsync(caseId)).Single(t => t.ActivityId == "opinion" && t.Department == "greening-city-appearance");
        Assert.That(await RepliesAsync(caseId), Is.Empty, "no reply before the department answers");

        await _host.Tasks.CompleteAsync(task.Id, "agree-with-conditions", new() { ["conditions"] = "绿地率不低于30%；保留现状古树" }, Lin);

        var reply = (await RepliesAsync(caseId)).Single();
        Assert.That(reply.Issuer, Is.EqualTo("greening-city-appearance"));
        Assert.That(reply.Recipient, Is.EqualTo("market-supervision"), "addressed to the lead, not to the applicant");
        var data = JsonNode.Parse(reply.DataJson!)!;
        Assert.That((string?)data["outcome"], Is.EqualTo("agree-with-conditions"));
        Assert.That((string?)data["conditions"], Is.EqualTo("绿地率不低于30%；保留现状古树"));
        Assert.That((string?)data["answeredBy"], Is.EqualTo("clerk-lin"));
        Assert.That((bool?)data["deemed"], Is.False);

        var document = await IssueAsync(reply);
        Assert.That(await _host.Get<IssueDocuments>().IssueAsync(reply.Id), Is.EqualTo(document.Id), "issued once");
        Assert.That(document.Department, Is.EqualTo("greening-city-appearance"));
        Assert.That(document.SealId, Does.StartWith("greening-city-appearance:"));
        Assert.That(document.Template, Is.EqualTo("opinion-reply"));
        var check = await _host.Get<DocumentReader>().VerifyAsync(document.Id, Auditor);
        Assert.That(check.Valid, Is.True, check.Problem);
        Assert.That(check.Department, Is.EqualTo("greening-city-appearance"));

        var text = await TextOfAsync(document.Id);
        Assert.That(text, Does.Contain("征询意见回复").And.Contain("附条件同意").And.Contain("保留现状古树").And.Contain("clerk-lin"));

        var file = (await _host.Get<CaseHistory>().GetAsync(caseId, Auditor)).Notices.Single(n => n.Id == reply.Id);
        Assert.That(file.Document?.SealId, Is.EqualTo(document.SealId), "on the case file with its seal");
        await AssertAuditCleanAsync(caseId);
    }

    [Test]
    public async Task A_deemed_consent_is_recorded_under_the_lead_departments_seal_naming_the_date_and_legal_basis()
    {
        var caseId = await StartAsync("deemed-consent");
        _clock.Set(new DateTimeOffset(2026, 3, 17, 0, 0, 0, TimeSpan.FromHours(8)));
        foreach (var timer in (await _host.TimersOfAsync(caseId)).Where(t => t.ActivityId == "opinion" && t.Purpose == nameof(TimerPurpose.Deadline)))
            await _host.Get<TimerJob>().FireAsync(timer.Id, CancellationToken.None);

        var replies = await RepliesAsync(caseId);
        Assert.That(replies, Has.Count.EqualTo(3), "one per silent department");
        Assert.That(replies.Select(r => r.Issuer), Is.All.EqualTo("market-supervision"), "not sealed in the name of a department that said nothing");
        var data = JsonNode.Parse(replies[0].DataJson!)!;
        Assert.That((bool?)data["deemed"], Is.True);
        Assert.That((string?)data["noReplyBy"], Is.EqualTo("2026-03-16"));
        Assert.That((string?)data["legalBasis"], Is.EqualTo("《某市建设项目并联审批办法》第十二条"));
        Assert.That(data["answeredBy"], Is.Null);

        var document = await IssueAsync(replies[0]);
        Assert.That(document.Department, Is.EqualTo("market-supervision"), "the lead department records it");
        Assert.That(await TextOfAsync(document.Id), Does.Contain("视为同意").And.Contain("2026年3月16日").And.Contain("第十二条").And.Contain("加盖牵头部门印章"));
        Assert.That((await _host.Get<DocumentReader>().VerifyAsync(document.Id, Auditor)).Valid, Is.True);
        await AssertAuditCleanAsync(caseId);
    }

    [Test]
    public async Task The_applicant_neither_lists_nor_opens_an_opinion_reply()
    {
        var caseId = await StartAsync("escalate");
        var task = (await _host.TasksOfAsync(caseId)).Single(t => t.ActivityId == "opinion" && t.Department == "greening-city-appearance");
        await _host.Tasks.CompleteAsync(task.Id, "disagree", new() { ["reasons"] = "招牌超出街道户外广告设置规划" }, Lin);
        var document = await IssueAsync((await RepliesAsync(caseId)).Single());

        var mine = await _host.Get<MyNotices>().ListAsync(Chen);
        Assert.That(mine.Select(n => n.NoticeType), Does.Contain("acceptance"), "the applicant's own notices are listed");
        Assert.That(mine.Select(n => n.NoticeType), Does.Not.Contain("opinion-reply"));
        var reply = (await RepliesAsync(caseId)).Single();
        Assert.That((await Assert.ThrowsAsync<CasesException>(() => _host.Get<MyNotices>().OpenAsync(reply.Id, Chen)))!.Code, Is.EqualTo("unknown-notice"));
        Assert.That((await Assert.ThrowsAsync<CasesException>(() => _host.Get<DocumentReader>().OpenAsync(document.Id, Chen)))!.Code, Is.EqualTo("unknown-document"));
    }
}
