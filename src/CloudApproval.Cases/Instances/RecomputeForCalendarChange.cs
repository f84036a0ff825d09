using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Instances;

/// <summary>
/// Applies a change of the official calendar (a year's file added or corrected) to every running case: the engine
/// recounts each case's legal clock, its timers, working-day timers and task due dates on the runner's calendar, and
/// each case that changes is committed in its own transaction with its audit entry (its Hangfire jobs follow). A case
/// whose dates do not move is left untouched. The runner counts on the calendar files as they were when this process
/// started: run this after the files changed (the CLI's <c>calendar apply</c>), and restart long-running nodes so
/// that they count new dates on the new calendar too.
/// </summary>
public sealed class RecomputeForCalendarChange(CasesDbFactory factory, CaseRuntime runtime)
{
    /// <summary>Recounts every running case; <paramref name="note"/> says what changed, for the trail.</summary>
    public async Task<CalendarChangeReport> RunAsync(string note, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("recount cases for a calendar change", ActorRoles.Admin);
        List<string> running;
        await using (var db = factory.CreateDbContext())
            running = await db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.Running).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var changed = new List<CaseRecount>();
        foreach (var caseId in running)
        {
            var changes = await runtime.InTransactionAsync(actor, async (db, transition, ct) =>
            {
                var c = await CompiledQueries.CaseAsync(db, caseId, ct);
                // Ended since the list was read, or nothing moved (calendar-unchanged): nothing is staged.
                if (c is not { Status: CaseStatus.Running }) return null;
                var rejection = await transition.ApplyAsync(c, new CalendarChangedStimulus(note), "calendar-changed", ct);
                return rejection is null ? transition.Effects.Where(Shown).Select(e => e.Describe()).ToList() : null;
            }, cancellationToken);
            if (changes is not null) changed.Add(new CaseRecount(caseId, changes));
        }
        return new CalendarChangeReport(running.Count, changed);
    }

    /// <summary>What moved, for people; the cancelled timers and the calendar's guesses are in the audit entry.</summary>
    private static bool Shown(Effect effect) => effect is LegalClockChanged or TaskDueChanged or TimerScheduled;
}

/// <summary>What a calendar change did.</summary>
/// <param name="RunningCases">Cases examined.</param>
/// <param name="Changed">The cases whose dates moved, each with what moved.</param>
public sealed record CalendarChangeReport(int RunningCases, IReadOnlyList<CaseRecount> Changed);

/// <summary>The dates that moved in one case.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Changes">One line per moved date (provisional ones say so).</param>
public sealed record CaseRecount(string CaseId, IReadOnlyList<string> Changes);
