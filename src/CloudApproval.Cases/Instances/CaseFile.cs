using System.Text.Json.Nodes;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Timers;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Cases.Instances;

/// <summary>Everything about one case, as a case page shows it: JSON as JSON, the legal clock in working days, the timeline.</summary>
/// <param name="Case">The case.</param>
/// <param name="Input">What it was started with.</param>
/// <param name="Variables">Its variables now (form data saved by tasks, decisions ...).</param>
/// <param name="Fault">Why it faulted, when it did.</param>
/// <param name="Clock">The legal decision clock, once started (by the case or a sub-procedure of it).</param>
/// <param name="WaitingFor">Events the case (or a sub-procedure) waits for now, e.g. materials-supplemented.</param>
/// <param name="Tasks">Tasks of the case and its sub-procedures, oldest first.</param>
/// <param name="Timers">Its timers and those of its sub-procedures.</param>
/// <param name="Notices">Notices sent to the applicant.</param>
/// <param name="Licences">E-licences issued.</param>
/// <param name="SubProcedures">The sub-procedures it called, at every depth.</param>
/// <param name="Timeline">What happened, oldest first, across the case and its sub-procedures.</param>
/// <param name="Findings">Stored data that could not be read (edited behind the application's back): run audit verify.</param>
/// <param name="Assistance">Assistance requested on the case (行政协助), newest first, with declines' reasons and results as materials with their provenance; staff only.</param>
/// <param name="SharedMaterials">
/// Null for the whole file. For a department asked for its opinion, the slice it reads while its request is open: the
/// material codes shared with it, and of the rest only the case's summary and its own tasks.
/// </param>
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
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<string> Findings,
    IReadOnlyList<Collaboration.AssistanceRequestView>? Assistance = null,
    IReadOnlyList<string>? SharedMaterials = null);

/// <summary>The legal decision clock (art. 42, 45) as people read it.</summary>
/// <param name="Status">Running, suspended or stopped.</param>
/// <param name="LimitWorkingDays">The legal limit in working days.</param>
/// <param name="ExtensionWorkingDays">Working days added by the extension (art. 42).</param>
/// <param name="PromisedWorkingDays">The promised limit (承诺时限), when the matter promises one.</param>
/// <param name="StartedOn">The day counting starts after (acceptance).</param>
/// <param name="DueDate">The last day of the legal limit (null while suspended: it depends on when counting resumes).</param>
/// <param name="PromisedDueDate">The last day of the promised limit.</param>
/// <param name="WorkingDaysLeft">Working days until <paramref name="DueDate"/> while running: 0 due today, negative overdue.</param>
/// <param name="Provisional">The due date lies in a year without an official calendar and may still move.</param>
/// <param name="Suspensions">Periods not counted (art. 45), with their grounds.</param>
/// <param name="StoppedOn">The day the decision was made.</param>
/// <param name="OnTimeLegal">Whether the decision came within the legal limit.</param>
/// <param name="OnTimePromised">Whether it came within the promised limit.</param>
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

/// <summary>
/// A notice sent to the applicant (acceptance, correction, decision ...), with its data as JSON, how it was served
/// (electronic, offline: to be served on paper, internal), when the applicant read it, and its sealed document once issued.
/// </summary>
public sealed record NoticeView(
    long Id,
    string ActivityId,
    string NoticeType,
    string Template,
    string Recipient,
    JsonNode? Data,
    DateTime CreatedAt,
    DateTime? DeliveredAt,
    string? ServiceMethod = null,
    DateTime? ReadAt = null,
    NoticeDocumentView? Document = null);

/// <summary>The sealed document issued for a notice: its id (and download link), the seal and when it was issued.</summary>
public sealed record NoticeDocumentView(string Id, string SealId, string MediaType, DateTime IssuedAt, string Url);

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
/// <param name="Status">The case's status after the step, or its change ("running -> completed").</param>
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
