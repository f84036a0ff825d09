using CloudApproval.Cases.Applicants;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Documents;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tests.Documents;

public sealed class DocumentIssueTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder);
        await _host.ImportAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private static readonly Actor Chen = new("applicant-chen", null, [ActorRoles.Applicant]);

    /// <summary>A deficiency-pending case in market-supervision whose pre-review refuses it: one non-acceptance notice to the applicant.</summary>
    private async Task<(string CaseId, Notice Notice)> NotAcceptedAsync()
    {
        var caseId = await _host.StartDeficiencyAsync(new() { ["department"] = "market-supervision" });
        var preReview = await _host.OpenTaskAsync(caseId, "pre-review");
        await _host.Tasks.CompleteAsync(preReview.Id, "reject", new() { ["reason"] = "申请事项依法不需要取得行政许可" }, Actor.Operator("clerk-li"));
        await using var db = _host.Db();
        var notice = await db.Notices.AsNoTracking().SingleAsync(n => n.CaseId == caseId && n.Template == "non-acceptance");
        return (caseId, notice);
    }

    private async Task<Document> DocumentOfAsync(long noticeId)
    {
        await using var db = _host.Db();
        return await db.Documents.AsNoTracking().SingleAsync(d => d.NoticeId == noticeId);
    }

    private async Task<Notice> NoticeAsync(long noticeId)
    {
        await using var db = _host.Db();
        return await db.Notices.AsNoTracking().SingleAsync(n => n.Id == noticeId);
    }

    private async Task<List<AuditEntry>> EntriesAsync(string caseId, string action) =>
        (await _host.AuditAsync(caseId)).Where(e => e.Action == action).ToList();

    private async Task AssertAuditCleanAsync(string caseId)
    {
        var verification = await _host.VerifyAsync(caseId);
        Assert.That(verification.Intact, Is.True, verification.Reason);
        Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Actor.Operator("auditor")), Is.Empty);
    }

    [Test]
    public async Task A_notice_sent_by_a_case_gets_exactly_one_sealed_document_from_the_Hangfire_server()
    {
        await _host.StartTimerServerAsync();
        var (caseId, notice) = await NotAcceptedAsync();

        var document = await Poll.UntilAsync(async () =>
        {
            await using var db = _host.Db();
            return await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.NoticeId == notice.Id);
        }, "the notice's document", TimeSpan.FromSeconds(60));

        Assert.That(document.CaseId, Is.EqualTo(caseId));
        Assert.That(document.Department, Is.EqualTo("market-supervision"));
        Assert.That(document.Template, Is.EqualTo("non-acceptance"));
        Assert.That(document.SealId, Does.StartWith("market-supervision:"));
        Assert.That(_host.Get<CloudApproval.Cases.Blobs.IBlobStore>().Exists(document.Sha256), Is.True);
        var issued = await EntriesAsync(caseId, "notice-issued");
        Assert.That(issued, Has.Count.EqualTo(1));
        Assert.That(issued[0].Detail, Does.Contain(document.Id).And.Contain(document.Sha256).And.Contain(document.SealId));
        // The sweep the start-up enqueued finds nothing more to do.
        Assert.That(await _host.Get<IssueDocuments>().SweepAsync(), Is.Zero);
        await using (var db = _host.Db()) Assert.That(await db.Documents.CountAsync(d => d.NoticeId == notice.Id), Is.EqualTo(1));
        await AssertAuditCleanAsync(caseId);
    }

    [Test]
    public async Task Running_the_issue_job_twice_or_at_once_issues_one_document()
    {
        var (caseId, notice) = await NotAcceptedAsync();
        var issue = _host.Get<IssueDocuments>();
        var racing = await Task.WhenAll(issue.IssueAsync(notice.Id), _host.Get<IssueDocuments>().IssueAsync(notice.Id));
        var again = await issue.IssueAsync(notice.Id);

        Assert.That(racing[1], Is.EqualTo(racing[0]));
        Assert.That(again, Is.EqualTo(racing[0]));
        await using (var db = _host.Db()) Assert.That(await db.Documents.CountAsync(d => d.NoticeId == notice.Id), Is.EqualTo(1));
        Assert.That(await EntriesAsync(caseId, "notice-issued"), Has.Count.EqualTo(1));
        await AssertAuditCleanAsync(caseId);
    }

    [Test]
    public async Task A_notice_left_without_a_document_is_issued_by_the_sweep()
    {
        var (caseId, notice) = await NotAcceptedAsync();
        Assert.That(await _host.Get<IssueDocuments>().SweepAsync(), Is.EqualTo(1));
        Assert.That((await DocumentOfAsync(notice.Id)).CaseId, Is.EqualTo(caseId));
        Assert.That(await _host.Get<IssueDocuments>().SweepAsync(), Is.Zero);
    }

    [Test]
    public async Task An_issued_document_verifies_and_one_changed_byte_fails_with_the_digest_problem()
    {
        var (_, notice) = await NotAcceptedAsync();
        var id = (await _host.Get<IssueDocuments>().IssueAsync(notice.Id))!;
        var reader = _host.Get<DocumentReader>();

        var check = await reader.VerifyAsync(id, Chen);
        Assert.That(check.Valid && check.DigestMatches && check.SignatureValid && check.KeyIsDepartments, Is.True, check.Problem);
        Assert.That(check.Algorithm, Is.EqualTo("SM2-with-SM3"));

        var document = await DocumentOfAsync(notice.Id);
        var file = Directory.GetFiles(_folder.File("blobs"), document.Sha256, SearchOption.AllDirectories).Single();
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[bytes.Length / 2] ^= 0x01;
        File.SetAttributes(file, FileAttributes.Normal);
        await File.WriteAllBytesAsync(file, bytes);

        var tampered = await reader.VerifyAsync(id, Chen);
        Assert.That(tampered.Valid, Is.False);
        Assert.That(tampered.DigestMatches, Is.False);
        Assert.That(tampered.Problem, Does.Contain("SM3 digest differs"));
    }

    [Test]
    public async Task A_seal_made_with_another_departments_key_fails_verification()
    {
        var (_, notice) = await NotAcceptedAsync();
        var id = (await _host.Get<IssueDocuments>().IssueAsync(notice.Id))!;
        var document = await DocumentOfAsync(notice.Id);
        await using var stream = _host.Get<CloudApproval.Cases.Blobs.IBlobStore>().OpenRead(document.Sha256);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        // A valid SM2 signature over the very bytes, but by planning-resources, claimed as market-supervision's.
        var forged = _host.Get<DepartmentSeals>().Sign("planning-resources", copy.ToArray());
        await using (var db = _host.Db())
        {
            await db.Documents.Where(d => d.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.SealSignature, forged.Signature).SetProperty(d => d.SealPublicKey, forged.PublicKey));
        }

        var check = await _host.Get<DocumentReader>().VerifyAsync(id, Actor.Operator("auditor"));
        Assert.That(check.DigestMatches && check.SignatureValid, Is.True);
        Assert.That(check.KeyIsDepartments, Is.False);
        Assert.That(check.Valid, Is.False);
        Assert.That(check.Problem, Does.Contain("not made with the key of department 'market-supervision'"));
    }

    private async Task ConsentAsync(string scope)
    {
        await using var db = _host.Db();
        db.ApplicantProfiles.Add(new ApplicantProfile
        {
            UserName = "applicant-chen",
            Name = "上海陈记餐饮有限公司",
            EServiceConsented = true,
            EServiceScope = scope,
        });
        await db.SaveChangesAsync();
    }

    [Test]
    public async Task A_consenting_applicant_is_served_electronically_at_issue()
    {
        await ConsentAsync("notices,decisions");
        var (caseId, notice) = await NotAcceptedAsync();
        await _host.Get<IssueDocuments>().IssueAsync(notice.Id);

        var served = await NoticeAsync(notice.Id);
        Assert.That(served.ServiceMethod, Is.EqualTo(ServiceMethods.Electronic));
        Assert.That(served.DeliveredAt, Is.EqualTo((await DocumentOfAsync(notice.Id)).IssuedAt));
        await AssertAuditCleanAsync(caseId);
    }

    [Test]
    public async Task Without_consent_covering_the_document_it_is_left_to_be_served_offline()
    {
        // Consent to procedural notices only: a non-acceptance is a decision.
        await ConsentAsync("notices");
        var (caseId, notice) = await NotAcceptedAsync();
        await _host.Get<IssueDocuments>().IssueAsync(notice.Id);

        var served = await NoticeAsync(notice.Id);
        Assert.That(served.ServiceMethod, Is.EqualTo(ServiceMethods.Offline));
        Assert.That(served.DeliveredAt, Is.Null);
        await AssertAuditCleanAsync(caseId);
    }

    [Test]
    public async Task Opening_a_notice_records_the_read_time_once_on_the_case_chain()
    {
        var (caseId, notice) = await NotAcceptedAsync();
        var notices = _host.Get<MyNotices>();
        var before = await notices.OpenAsync(notice.Id, Chen);
        Assert.That(before.ReadAt, Is.Null, "nothing to acknowledge before the document is issued");

        var documentId = await _host.Get<IssueDocuments>().IssueAsync(notice.Id);
        var first = await notices.OpenAsync(notice.Id, Chen);
        var second = await notices.OpenAsync(notice.Id, Chen);

        Assert.That(first.ReadAt, Is.Not.Null);
        Assert.That(second.ReadAt, Is.EqualTo(first.ReadAt));
        Assert.That(first.DocumentId, Is.EqualTo(documentId));
        Assert.That(first.DocumentUrl, Is.EqualTo($"/api/documents/{documentId}"));
        Assert.That(await EntriesAsync(caseId, "notice-read"), Has.Count.EqualTo(1));
        var listed = (await notices.ListAsync(Chen)).Single();
        Assert.That(listed.ReadAt, Is.EqualTo(first.ReadAt));
        Assert.That(listed.ServiceMethod, Is.EqualTo(ServiceMethods.Offline));
        await AssertAuditCleanAsync(caseId);
    }

    [Test]
    public async Task Another_applicants_notice_and_document_are_unknown()
    {
        var (_, notice) = await NotAcceptedAsync();
        var id = (await _host.Get<IssueDocuments>().IssueAsync(notice.Id))!;
        var liu = new Actor("applicant-liu", null, [ActorRoles.Applicant]);
        Assert.That((await _host.Get<MyNotices>().ListAsync(liu)), Is.Empty);
        var ex = await Assert.ThrowsAsync<CasesException>(() => _host.Get<MyNotices>().OpenAsync(notice.Id, liu));
        Assert.That(ex!.Code, Is.EqualTo("unknown-notice"));
        var doc = await Assert.ThrowsAsync<CasesException>(() => _host.Get<DocumentReader>().OpenAsync(id, liu));
        Assert.That(doc!.Code, Is.EqualTo("unknown-document"));
        var wang = new Actor("clerk-wang", null, [ActorRoles.Clerk], ["planning-resources"], ["reviewer"]);
        Assert.That((await Assert.ThrowsAsync<CasesException>(() => _host.Get<DocumentReader>().VerifyAsync(id, wang)))!.Code, Is.EqualTo("unknown-document"));
        var li = new Actor("clerk-li", null, [ActorRoles.Clerk], ["market-supervision"], ["intake-clerk"]);
        Assert.That((await _host.Get<DocumentReader>().VerifyAsync(id, li)).Valid, Is.True);
    }

    [Test]
    public async Task Without_a_CJK_font_the_document_is_issued_as_HTML_and_sealed_alike()
    {
        await _host.DisposeAsync();
        _host = await CasesHost.StartAsync(_folder, configure: s => s with { DocumentFontPath = _folder.File("no-font.ttf") });
        var (_, notice) = await NotAcceptedAsync();
        var id = (await _host.Get<IssueDocuments>().IssueAsync(notice.Id))!;

        var document = await DocumentOfAsync(notice.Id);
        Assert.That(document.MediaType, Is.EqualTo(DocumentMedia.Html));
        var file = await _host.Get<DocumentReader>().OpenAsync(id, Chen);
        using var reader = new StreamReader(file.Content);
        var html = await reader.ReadToEndAsync();
        Assert.That(html, Does.Contain("不予受理决定书").And.Contain(document.SealId).And.Contain("上海市市场监督管理局"));
        Assert.That(file.FileName, Does.EndWith(".html"));
        Assert.That((await _host.Get<DocumentReader>().VerifyAsync(id, Chen)).Valid, Is.True);
    }
}
