using System.Text.Json.Nodes;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Access;

/// <summary>
/// Who may see and do what, decided in Cases for every caller: a market-supervision case of applicant-chen, worked by
/// market-supervision staff whose task roles fit; other departments and other applicants do not even see it.
/// </summary>
public sealed class CaseAccessTests
{
    private const string Market = "market-supervision";

    private static readonly Actor Chen = new("applicant-chen", null, [ActorRoles.Applicant]);
    private static readonly Actor Liu = new("applicant-liu", null, [ActorRoles.Applicant]);
    private static readonly Actor Li = new("clerk-li", null, [ActorRoles.Clerk], [Market], ["intake-clerk", "reviewer"]);
    private static readonly Actor Ma = new("clerk-ma", null, [ActorRoles.Clerk], [Market], ["intake-clerk"]);
    private static readonly Actor Inspector = new("clerk-gao", null, [ActorRoles.Clerk], [Market], ["inspector"]);
    private static readonly Actor Wang = new("clerk-wang", null, [ActorRoles.Clerk], ["planning-resources"], ["intake-clerk", "reviewer"]);
    private static readonly Actor Zhou = new("head-zhou", null, [ActorRoles.DepartmentHead], [Market], ["department-head"]);
    private static readonly Actor Qian = new("head-qian", null, [ActorRoles.DepartmentHead], ["planning-resources"], ["department-head"]);
    private static readonly Actor Sun = new("auditor-sun", null, [ActorRoles.Auditor]);
    private static readonly Actor Zhao = new("analyst-zhao", null, [ActorRoles.Analyst]);

    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private string _caseId = null!;
    private long _preReview;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder);
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"));
        _caseId = (await _host.Runtime.StartAsync("deficiency-pending", null, new JsonObject { ["department"] = Market }, Chen)).CaseId;
        _preReview = (await _host.OpenTaskAsync(_caseId, "pre-review")).Id;
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>Refused with the code, and nothing in the database changed.</summary>
    private async Task<CasesException> RefusedAsync(Func<Task> operation, string code)
    {
        var before = RawSql.Dump(_host.Database);
        var error = await Expect.RefusedAsync(operation);
        Assert.That(error.Code, Is.EqualTo(code), error.Message);
        Assert.That(RawSql.Dump(_host.Database), Is.EqualTo(before), "nothing changed");
        return error;
    }

    [Test]
    public async Task TheApplicant_IsRecorded_AndStartedBy_IsWhoActed()
    {
        var onBehalf = (await _host.Runtime.StartAsync("deficiency-pending", null, null, Li, "applicant-liu")).CaseId;

        Assert.That((await _host.CaseAsync(_caseId)).Applicant, Is.EqualTo("applicant-chen"));
        Assert.That((await _host.CaseAsync(onBehalf)).Applicant, Is.EqualTo("applicant-liu"));
        Assert.That((await _host.CaseAsync(onBehalf)).StartedBy, Is.EqualTo("clerk-li"));
    }

    [Test]
    public async Task Starting_IsForApplicantsForThemselves_AndStaffOnAnApplicantsBehalf()
    {
        Assert.That((await RefusedAsync(() => _host.Runtime.StartAsync("deficiency-pending", null, null, Chen, "applicant-liu"), "forbidden")).Message,
            Does.Contain("applies for themselves"));
        Assert.That((await RefusedAsync(() => _host.Runtime.StartAsync("deficiency-pending", null, null, Li), "invalid-input")).Message,
            Does.Contain("applicant"));
        await RefusedAsync(() => _host.Runtime.StartAsync("deficiency-pending", null, null, Zhao), "forbidden");
        await RefusedAsync(() => _host.Runtime.StartAsync("deficiency-pending", null, null, Sun, "applicant-chen"), "forbidden");
    }

    [Test]
    public async Task ACaseOfAnotherDepartmentOrApplicant_IsUnknown_NotForbidden()
    {
        var history = _host.Get<CaseHistory>();

        await RefusedAsync(() => history.GetAsync(_caseId, Wang), "unknown-case");
        await RefusedAsync(() => history.GetAsync(_caseId, Liu), "unknown-case");
        await RefusedAsync(() => history.TimelineAsync(_caseId, Qian), "unknown-case");
        await RefusedAsync(() => _host.Get<AuditTrail>().PageAsync(_caseId, Wang), "unknown-case");
        await RefusedAsync(() => _host.Runtime.SendEventAsync(_caseId, "commitment-signed", null, Liu), "unknown-case");
        await RefusedAsync(() => _host.Tasks.ClaimAsync(_preReview, Wang), "unknown-task");
        await RefusedAsync(() => _host.Tasks.CompleteAsync(_preReview, "accept", null, Wang), "unknown-task");
        Assert.That((await history.GetAsync(_caseId, Chen)).Case.Id, Is.EqualTo(_caseId), "its applicant reads it");
        Assert.That((await history.GetAsync(_caseId, Ma)).Tasks, Has.Count.EqualTo(1), "its department's clerks read it");
        Assert.That((await history.GetAsync(_caseId, Sun)).Case.Id, Is.EqualTo(_caseId), "auditors read every case");
    }

    [Test]
    public async Task ATask_IsTakenOnlyByStaffOfItsDepartmentWithItsTaskRole()
    {
        var error = await RefusedAsync(() => _host.Tasks.ClaimAsync(_preReview, Inspector), "forbidden");
        Assert.That(error.Message, Does.Contain("intake-clerk").And.Contain(Market));
        await RefusedAsync(() => _host.Tasks.CompleteAsync(_preReview, "accept", null, Zhou), "forbidden");

        await _host.Tasks.ClaimAsync(_preReview, Ma);

        Assert.That((await _host.TaskAsync(_preReview)).Assignee, Is.EqualTo("clerk-ma"));
    }

    [Test]
    public async Task TheHead_AssignsToAClerkWhoFits_AndTheAssigneeMayThenTakeIt()
    {
        await RefusedAsync(() => _host.Tasks.AssignAsync(_preReview, Ma, Li), "forbidden");
        await RefusedAsync(() => _host.Tasks.AssignAsync(_preReview, Ma, Qian), "unknown-task");
        await RefusedAsync(() => _host.Tasks.AssignAsync(_preReview, Wang, Zhou), "invalid-assignee");
        await RefusedAsync(() => _host.Tasks.AssignAsync(_preReview, Inspector, Zhou), "invalid-assignee");

        await _host.Tasks.AssignAsync(_preReview, Ma, Zhou);
        await RefusedAsync(() => _host.Tasks.CompleteAsync(_preReview, "accept", null, Li), "claimed-by-other");
        await _host.Tasks.CompleteAsync(_preReview, "accept", null, Ma);

        var task = await _host.TaskAsync(_preReview);
        Assert.That((task.Status, task.CompletedBy), Is.EqualTo((WorkTaskStatus.Completed, "clerk-ma")));
    }

    [Test]
    public async Task TheHeadOfTheDepartment_ReleasesAClaimedTask_AnotherClerkCannot()
    {
        await _host.Tasks.ClaimAsync(_preReview, Li);

        await RefusedAsync(() => _host.Tasks.ReleaseAsync(_preReview, Ma), "claimed-by-other");
        await _host.Tasks.ReleaseAsync(_preReview, Zhou);

        Assert.That((await _host.TaskAsync(_preReview)).Status, Is.EqualTo(WorkTaskStatus.Open));
    }

    [Test]
    public async Task AuditorsAndAdmins_Read_ButDoNotAct()
    {
        await RefusedAsync(() => _host.Runtime.SendEventAsync(_caseId, "commitment-signed", null, Sun), "forbidden");
        await RefusedAsync(() => _host.Tasks.ClaimAsync(_preReview, Sun), "forbidden");
        await RefusedAsync(() => _host.Get<AuditTrail>().PageAsync(_caseId, Chen), "forbidden");
        await RefusedAsync(() => _host.Get<AuditVerifier>().VerifyAllAsync(Li), "forbidden");

        var page = await _host.Get<AuditTrail>().PageAsync(_caseId, Sun);

        Assert.That(page.Verification.Intact, Is.True);
        Assert.That(page.Entries.Select(e => e.Action), Is.EqualTo(new[] { "case-started" }));
    }

    [Test]
    public async Task TheInbox_ShowsWhatTheClerkMayClaimOrHolds_AndNothingOfOtherDepartments()
    {
        var inbox = _host.Get<TaskInbox>();

        var li = await inbox.ListAsync(new TaskQuery { Mine = true }, Li);
        var inspector = await inbox.ListAsync(new TaskQuery { Mine = true }, Inspector);
        var inspectorSees = await inbox.ListAsync(new TaskQuery { Mine = false }, Inspector);
        var wang = await inbox.ListAsync(new TaskQuery { Mine = false }, Wang);

        Assert.That(li.Tasks.Select(t => t.Id), Is.EqualTo(new[] { _preReview }));
        Assert.That(li.Tasks[0].RootCaseId, Is.EqualTo(_caseId));
        Assert.That(li.Tasks[0].Applicant, Is.EqualTo("applicant-chen"));
        Assert.That(li.Tasks[0].Outcomes, Does.Contain("accept"));
        Assert.That(inspector.Tasks, Is.Empty, "not an inspector's task");
        Assert.That(inspectorSees.Tasks.Select(t => t.Id), Is.EqualTo(new[] { _preReview }), "but visible in the department");
        Assert.That(wang.Tasks, Is.Empty);
    }
}
