using CloudApproval.Cases.Access;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Instances;

/// <summary>
/// A case file: the case (or a sub-procedure of it) with its whole tree's tasks, timers, notices, licences, legal clock
/// and timeline, for whoever may read it (its applicant, staff of its departments, admins, auditors); unknown to others.
/// </summary>
public sealed class CaseHistory(CasesDbFactory factory, WorkingCalendar calendar, TimeProvider time, Collaboration.AssistanceCatalog assistanceCatalog)
{
    public async Task<CaseFile> GetAsync(string caseId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = factory.CreateDbContext();
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == caseId, cancellationToken) ?? throw CaseAccess.UnknownCase(caseId);
        var today = ChinaTime.DateOf(time.GetUtcNow());
        if (await CaseAccess.RequireReadableOrSharedAsync(db, c, actor, cancellationToken) is { } shared)
            return await SharedSliceAsync(db, c, shared, actor, today, cancellationToken);
        var tree = await TreeBelowAsync(db, c, cancellationToken);
        var ids = tree.Select(x => x.Id).ToList();
        var names = await NamesAsync(db, tree, cancellationToken);

        var tasks = await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.CaseId)).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var timers = await db.Timers.AsNoTracking().Where(t => ids.Contains(t.CaseId)).OrderBy(t => t.Id)
            .Select(t => new TimerView(t.CaseId, t.LocalId, t.ActivityId, t.Purpose, t.DueAt, t.Status, t.FiredAt)).ToListAsync(cancellationToken);
        var notices = await db.Notices.AsNoTracking().Where(n => n.CaseId == c.RootCaseId).OrderBy(n => n.Id).ToListAsync(cancellationToken);
        var documents = await db.Documents.AsNoTracking().Where(d => d.CaseId == c.RootCaseId)
            .Select(d => new { d.NoticeId, View = new NoticeDocumentView(d.Id, d.SealId, d.MediaType, d.IssuedAt, "/api/documents/" + d.Id) })
            .ToDictionaryAsync(d => d.NoticeId, d => d.View, cancellationToken);
        var licences = await db.Licences.AsNoTracking().Where(l => l.CaseId == c.RootCaseId).OrderBy(l => l.Id)
            .Select(l => new LicenceView(l.Number, l.LicenceType, l.ValidFrom, l.ValidUntil, l.Status, l.IssuedAt, l.RevokedAt, l.RevocationReason))
            .ToListAsync(cancellationToken);
        // Assistance is between departments: its results are materials for the staff, not shown to the applicant.
        var assistance = Access.CaseAccess.IsStaff(actor) || Access.CaseAccess.ReadsAll(actor)
            ? await Collaboration.AssistanceRequests.ListInAsync(db, c.RootCaseId, assistanceCatalog, cancellationToken)
            : [];

        var findings = new List<string>();
        var states = tree.ToDictionary(x => x.Id, x => StateOrFinding(x, findings));
        var state = states[c.Id];
        var clock = states.Values.Select(s => s?.Clock).FirstOrDefault(k => k is not null);
        return new CaseFile(
            Summary(c, names, today),
            state?.Input, state?.Variables, state?.Fault,
            clock is null ? null : ClockView(clock, today),
            [.. states.Values.SelectMany(s => s?.Tokens ?? []).SelectMany(t => t.Events.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. tasks.Select(t => TaskView.From(t, c.RootCaseId, c.Applicant, calendar, today))],
            timers,
            [.. notices.Select(n => new NoticeView(n.Id, n.ActivityId, n.NoticeType, n.Template, n.Recipient, StoredJson.Parse(n.DataJson), n.CreatedAt,
                n.DeliveredAt, n.ServiceMethod, n.ReadAt, documents.GetValueOrDefault(n.Id)))],
            licences,
            [.. tree.Where(x => x.Id != c.Id).Select(x => Summary(x, names, today))],
            await TimelineOfAsync(db, ids, cancellationToken),
            findings,
            assistance);
    }

    /// <summary>A case whose stored state was edited behind the application's back still shows its history, with a finding.</summary>
    private static InstanceState? StateOrFinding(Case c, List<string> findings)
    {
        if (c.StateJson.Length == 0) return null;
        try
        {
            return Transition.ParseState(c);
        }
        catch (CasesException refused) when (refused.IsStoredDataAltered)
        {
            findings.Add($"FINDING: {refused.Message}");
            return null;
        }
    }

    /// <summary>The timeline alone: the case's steps and its sub-procedures', oldest first.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(string caseId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        var (_, tree) = await TreeAsync(db, caseId, actor, cancellationToken);
        return await TimelineOfAsync(db, tree.Select(x => x.Id).ToList(), cancellationToken);
    }

    /// <summary>
    /// What a department asked for its opinion reads (scoped sharing): the case's summary, its own tasks in the tree and
    /// the materials shared with it (<see cref="Applications.CaseMaterials"/> serves only those); no data, timeline, notices or licences.
    /// </summary>
    private async Task<CaseFile> SharedSliceAsync(CasesDbContext db, Case c, IReadOnlySet<string> shared, Actor actor, DateOnly today, CancellationToken ct)
    {
        var root = c.RootCaseId;
        var departments = actor.Departments.ToList();
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => departments.Contains(t.Department) && t.SharedMaterials != null && db.Cases.Any(s => s.Id == t.CaseId && s.RootCaseId == root))
            .OrderBy(t => t.Id).ToListAsync(ct);
        var names = await NamesAsync(db, [c], ct);
        return new CaseFile(Summary(c, names, today), null, null, null, null, [],
            [.. tasks.Select(t => TaskView.From(t, root, c.Applicant, calendar, today))], [], [], [], [], [], [],
            SharedMaterials: [.. shared.Order(StringComparer.Ordinal)]);
    }

    /// <summary>The case (checked readable whole) and every case below it, the case first.</summary>
    private static async Task<(Case Case, List<Case> Tree)> TreeAsync(CasesDbContext db, string caseId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == caseId, ct) ?? throw CaseAccess.UnknownCase(caseId);
        await CaseAccess.RequireReadableAsync(db, c, actor, ct);
        return (c, await TreeBelowAsync(db, c, ct));
    }

    /// <summary>The case and every case below it, the case first.</summary>
    private static async Task<List<Case>> TreeBelowAsync(CasesDbContext db, Case c, CancellationToken ct)
    {
        var tree = new List<Case> { c };
        var level = new List<string> { c.Id };
        // Sub-procedures nest at most ProcedureRunner.MaxNestingDepth deep: one query per level.
        while (level.Count > 0)
        {
            var children = await db.Cases.AsNoTracking().Where(x => x.ParentCaseId != null && level.Contains(x.ParentCaseId))
                .OrderBy(x => x.CreatedAt).ThenBy(x => x.Id).ToListAsync(ct);
            tree.AddRange(children);
            level = children.Select(x => x.Id).ToList();
        }
        return tree;
    }

    private static async Task<List<TimelineEntry>> TimelineOfAsync(CasesDbContext db, List<string> ids, CancellationToken ct)
    {
        var audit = await db.AuditEntries.AsNoTracking().Where(e => ids.Contains(e.CaseId)).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        return [.. audit.Select(TimelineEntries.From)];
    }

    private static async Task<Dictionary<(string, int), string>> NamesAsync(CasesDbContext db, List<Case> tree, CancellationToken ct)
    {
        var definitions = tree.Select(x => x.DefinitionId).Distinct().ToList();
        var versions = await db.ProcedureVersions.AsNoTracking().Where(v => definitions.Contains(v.DefinitionId))
            .Select(v => new { v.DefinitionId, v.Version, v.Name }).ToListAsync(ct);
        return versions.ToDictionary(v => (v.DefinitionId, v.Version), v => v.Name);
    }

    private CaseSummary Summary(Case c, Dictionary<(string, int), string> names, DateOnly today) =>
        CaseList.Summary(c, names.GetValueOrDefault((c.DefinitionId, c.Version)), calendar, today);

    private LegalClockView ClockView(LegalClockState clock, DateOnly today) => new(
        clock.Status, clock.LimitWorkingDays, clock.ExtensionWorkingDays, clock.PromisedWorkingDays, clock.StartedOn, clock.DueDate,
        clock.PromisedDueDate, clock.Status == ClockStatus.Running ? WorkingDaysLeft.Until(calendar, today, clock.DueDate) : null,
        clock.Provisional, clock.Suspensions, clock.StoppedOn, clock.OnTimeLegal, clock.OnTimePromised);
}
