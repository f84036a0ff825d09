using System.Text.Json.Nodes;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Timers;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Cases.Instances;

/// <summary>Everything about one case, as a case page shows it: JSON as JSON, the legal clock in working days, the timeline.</summary>
public sealed record CaseFile(
    CaseSummary Case,
    JsonNode? Input,
    JsonNode? Variables,
    InstanceFault? Fault,
    LegalClockView? Clock,
    IReadOnlyList<string> WaitingFor,
    IReadOnlyList<TaskView> Tasks,
    IReadOnlyList<TimerView> Timers,
    IReadOnlyList<NoticeView> Notices,
    IReadOnlyList<LicenceView> Licences,
    IReadOnlyList<CaseSummary> SubProcedures,
    IReadOnlyList<TimelineEntry> Timeline);

/// <summary>The legal decision clock (art. 42, 45) as people read it.</summary>
public sealed record LegalClockView(
    ClockStatus Status,
    int LimitWorkingDays,
    int ExtensionWorkingDays,
    int? PromisedWorkingDays,
    DateOnly StartedOn,
    DateOnly? DueDate,
    DateOnly? PromisedDueDate,
    int? WorkingDaysLeft,
    bool Provisional,
    IReadOnlyList<ClockSuspension> Suspensions,
    DateOnly? StoppedOn,
    bool? OnTimeLegal,
    bool? OnTimePromised);

/// <summary>A timer of the case: deadlines, reminders, the clock's alerts.</summary>
public sealed record TimerView(string CaseId, string LocalId, string ActivityId, string Purpose, DateTime DueAt, CaseTimerStatus Status, DateTime? FiredAt);

/// <summary>A notice sent to the applicant (acceptance, correction, decision ...), with its data as JSON.</summary>
public sealed record NoticeView(long Id, string ActivityId, string NoticeType, string Template, string Recipient, JsonNode? Data, DateTime CreatedAt, DateTime? DeliveredAt);

/// <summary>An e-licence the case issued.</summary>
public sealed record LicenceView(string Number, string LicenceType, DateOnly ValidFrom, DateOnly ValidUntil, LicenceStatus Status, DateTime IssuedAt, DateTime? RevokedAt, string? RevocationReason);

/// <summary>
/// One step of a case's history: who did what (the audit entry), and what the engine did in consequence, both as text
/// (the journal, for people) and as data (the effects, for pages that render them in the reader's language).
/// </summary>
/// <param name="CaseId">The case or sub-procedure whose chain holds the entry.</param>
/// <param name="Sequence">The entry's place in its chain (1, 2, 3 ...).</param>
/// <param name="At">When (UTC).</param>
/// <param name="Actor">Who (a user name, operator:x, system:x).</param>
/// <param name="Action">case-started, task-completed, task-claimed, timer-fired, event-received ...</param>
/// <param name="Status">Its status.</param>
/// <param name="Stimulus">What moved the case (a task outcome and data, an event and payload, a timer), when the engine ran.</param>
/// <param name="Detail">For a task claimed, released or assigned: the task and its holder before and after.</param>
/// <param name="Effects">The engine's effects of the step (tasks created, timers, notices, clock changes ...).</param>
/// <param name="Journal">The same effects as sentences.</param>
public sealed record TimelineEntry(
    string CaseId,
    long Sequence,
    DateTime At,
    string Actor,
    string Action,
    string? Status,
    JsonNode? Stimulus,
    JsonNode? Detail,
    JsonNode? Effects,
    IReadOnlyList<string> Journal);
