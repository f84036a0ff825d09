using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CloudApproval.Engine.Runtime;

/// <summary>Something the shell must make happen (store, schedule, send) after a run. Effects are data.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ActivityEntered), "activityEntered")]
[JsonDerivedType(typeof(TaskCreated), "taskCreated")]
[JsonDerivedType(typeof(TaskCancelled), "taskCancelled")]
[JsonDerivedType(typeof(TaskCompleted), "taskCompleted")]
[JsonDerivedType(typeof(TaskDueChanged), "taskDueChanged")]
[JsonDerivedType(typeof(TimerScheduled), "timerScheduled")]
[JsonDerivedType(typeof(TimerCancelled), "timerCancelled")]
[JsonDerivedType(typeof(TimerFired), "timerFired")]
[JsonDerivedType(typeof(EventReceived), "eventReceived")]
[JsonDerivedType(typeof(NoticeSent), "noticeSent")]
[JsonDerivedType(typeof(SubProcedureStarted), "subProcedureStarted")]
[JsonDerivedType(typeof(SubProcedureTerminated), "subProcedureTerminated")]
[JsonDerivedType(typeof(LegalClockChanged), "legalClockChanged")]
[JsonDerivedType(typeof(LicenceIssued), "licenceIssued")]
[JsonDerivedType(typeof(LicenceRevoked), "licenceRevoked")]
[JsonDerivedType(typeof(RemoteSessionScheduled), "remoteSessionScheduled")]
[JsonDerivedType(typeof(VariableSet), "variableSet")]
[JsonDerivedType(typeof(MilestoneReached), "milestoneReached")]
[JsonDerivedType(typeof(InstanceCompleted), "instanceCompleted")]
[JsonDerivedType(typeof(InstanceFaulted), "instanceFaulted")]
[JsonDerivedType(typeof(CalendarGuessed), "calendarGuessed")]
public abstract record Effect
{
    /// <summary>One line for a timeline.</summary>
    public abstract string Describe();
}

/// <summary>The flow entered an activity (journal).</summary>
public sealed record ActivityEntered(string ActivityId, string Type, string DisplayName) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"entered {Type} '{DisplayName}' ({ActivityId})";
}

/// <summary>A human task to create.</summary>
public sealed record TaskCreated(TaskRecord Task) : Effect
{
    /// <inheritdoc/>
    public override string Describe() =>
        $"task {Task.Id} '{Task.Title}' for {Task.Role}@{Task.Department}, outcomes [{string.Join(", ", Task.Outcomes)}]"
        + (Task.DueDate is { } d ? $", due {d:yyyy-MM-dd}" : "")
        + (Task.DueCappedByLegalLimit ? " (capped at the legal limit)" : "")
        + (Task.DueProvisional ? " (provisional)" : "");
}

/// <summary>An open task's due date moved (the official calendar changed).</summary>
/// <param name="TaskId">The task.</param>
/// <param name="DueAt">When it is now due.</param>
/// <param name="DueDate">The due date as people say it.</param>
/// <param name="CappedByLegalLimit">True when cut back to the legal clock's due date.</param>
/// <param name="Provisional">True when counted over a year without an official calendar.</param>
public sealed record TaskDueChanged(string TaskId, DateTimeOffset DueAt, DateOnly DueDate, bool CappedByLegalLimit, bool Provisional) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"task {TaskId} now due {DueDate:yyyy-MM-dd}"
        + (CappedByLegalLimit ? " (capped at the legal limit)" : "")
        + (Provisional ? " (provisional)" : "");
}

/// <summary>A task withdrawn by the procedure.</summary>
public sealed record TaskCancelled(string TaskId, string Reason) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"task {TaskId} cancelled: {Reason}";
}

/// <summary>A task completed (journal; the shell already knows).</summary>
public sealed record TaskCompleted(string TaskId, string Outcome, string? CompletedBy) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"task {TaskId} completed '{Outcome}'" + (CompletedBy is null ? "" : $" by {CompletedBy}");
}

/// <summary>A timer to schedule.</summary>
/// <param name="TimerId">Local id.</param>
/// <param name="DueAt">When it fires.</param>
/// <param name="Purpose">What firing does.</param>
/// <param name="ActivityId">The activity that scheduled it.</param>
/// <param name="Provisional">True when counted over a year without an official calendar: it may still move.</param>
public sealed record TimerScheduled(string TimerId, DateTimeOffset DueAt, TimerPurpose Purpose, string ActivityId, bool Provisional = false) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"timer {TimerId} ({Purpose.ToString().ToLowerInvariant()}) set for {ChinaTime.Format(DueAt)}"
        + (Provisional ? " (provisional)" : "");
}

/// <summary>A timer to cancel.</summary>
public sealed record TimerCancelled(string TimerId) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"timer {TimerId} cancelled";
}

/// <summary>A timer fired (journal).</summary>
public sealed record TimerFired(string TimerId, TimerPurpose Purpose) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"timer {TimerId} ({Purpose.ToString().ToLowerInvariant()}) fired";
}

/// <summary>An event was received (journal).</summary>
public sealed record EventReceived(string Name) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"event '{Name}' received";
}

/// <summary>A notice to send (and seal, and deliver).</summary>
/// <param name="NoticeType">Kind of notice.</param>
/// <param name="Template">Template key.</param>
/// <param name="Recipient">applicant, parties, department, or a department slug.</param>
/// <param name="ActivityId">The activity that sent it.</param>
/// <param name="Data">The template's data.</param>
/// <param name="Issuer">
/// The department whose seal the document carries when it is not the case's own: a consulted department's opinion reply
/// is its own statement, sealed by it. Null: the case's department issues it.
/// </param>
public sealed record NoticeSent(string NoticeType, string Template, string Recipient, string ActivityId, JsonNode? Data = null, string? Issuer = null) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"notice '{NoticeType}' to {Recipient} (template {Template})";
}

/// <summary>A sub-procedure to start.</summary>
public sealed record SubProcedureStarted(string ChildId, string DefinitionId, int? Version, JsonObject? Input) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"sub-procedure {ChildId}: {DefinitionId}" + (Version is { } v ? $" v{v}" : "");
}

/// <summary>A running sub-procedure to end, because its parent ended: the shell sends the child a <see cref="TerminateStimulus"/>.</summary>
public sealed record SubProcedureTerminated(string ChildId, string Reason) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"sub-procedure {ChildId} terminated: {Reason}";
}

/// <summary>The legal clock changed, or a change was refused (action <c>extension-refused</c>, the reason says why).</summary>
/// <param name="Action">started, suspended, resumed, extended, extension-refused, stopped or recomputed.</param>
/// <param name="Status">The clock's status after it.</param>
/// <param name="DueDate">The legal limit's last day (null while suspended).</param>
/// <param name="LimitWorkingDays">The limit, extension included.</param>
/// <param name="Reason">Why (the ground of a suspension, the head's reasons for an extension, why one was refused).</param>
/// <param name="PromisedDueDate">The promised limit's last day, when the matter promises one.</param>
/// <param name="Provisional">True when a due date was counted over a year without an official calendar.</param>
/// <param name="OnTimeLegal">When stopped: decided within the legal limit.</param>
/// <param name="OnTimePromised">When stopped: decided within the promised limit.</param>
/// <param name="DayKind">How the limit counts: working days, or calendar days (then <paramref name="LimitWorkingDays"/> is calendar days).</param>
public sealed record LegalClockChanged(
    string Action,
    ClockStatus Status,
    DateOnly? DueDate,
    int LimitWorkingDays,
    string? Reason,
    DateOnly? PromisedDueDate = null,
    bool Provisional = false,
    bool? OnTimeLegal = null,
    bool? OnTimePromised = null,
    DayKind DayKind = DayKind.WorkingDays) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"legal clock {Action}: {Status.ToString().ToLowerInvariant()}"
        + $", limit {LimitWorkingDays} {(DayKind == DayKind.CalendarDays ? "calendar days" : "working days")}"
        + (DueDate is { } d ? $", due {d:yyyy-MM-dd}" : "")
        + (PromisedDueDate is { } p ? $", promised {p:yyyy-MM-dd}" : "")
        + (Provisional ? " (provisional)" : "")
        + (OnTimeLegal is { } legal ? (legal ? ", on time" : ", LATE") : "")
        + (OnTimePromised is { } promised ? (promised ? ", within the promise" : ", beyond the promise") : "")
        + (Reason is null ? "" : $" ({Reason})");
}

/// <summary>An e-licence to issue.</summary>
public sealed record LicenceIssued(string LicenceType, DateOnly ValidFrom, DateOnly ValidUntil, string ActivityId) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"licence '{LicenceType}' issued, valid {ValidFrom:yyyy-MM-dd} to {ValidUntil:yyyy-MM-dd}";
}

/// <summary>The case's licence to revoke.</summary>
public sealed record LicenceRevoked(string Reason, string ActivityId) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"licence revoked: {Reason}";
}

/// <summary>A remote session (survey, hearing, joint review) to set up.</summary>
/// <remarks>Kind is written as <c>sessionKind</c>: <c>kind</c> is the effect's type discriminator, and the clash made every
/// effect list unserialisable.</remarks>
public sealed record RemoteSessionScheduled([property: JsonPropertyName("sessionKind")] string Kind, DateTimeOffset At, string Recipients, string ActivityId) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"remote {Kind} scheduled for {ChinaTime.Format(At)} with {Recipients}";
}

/// <summary>A variable changed (journal).</summary>
public sealed record VariableSet(string Name, JsonNode? Value) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"{Name} = {Value?.ToJsonString(EngineJson.Options) ?? "null"}";
}

/// <summary>A named, dated fact of the case's timeline (e.g. all opinions in), kept in <see cref="InstanceState.Milestones"/>.</summary>
/// <param name="Name">The milestone's name.</param>
/// <param name="Date">The day it was reached.</param>
/// <param name="ActivityId">The Milestone activity.</param>
public sealed record MilestoneReached(string Name, DateOnly Date, string ActivityId) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"milestone '{Name}' reached on {Date:yyyy-MM-dd}";
}

/// <summary>The instance reached an End.</summary>
public sealed record InstanceCompleted(string Outcome) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"completed: {Outcome}";
}

/// <summary>The instance faulted.</summary>
public sealed record InstanceFaulted(string ActivityId, string Message) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"FAULTED in {ActivityId}: {Message}";
}

/// <summary>A date was computed over a year without a holiday calendar (weekends only).</summary>
public sealed record CalendarGuessed(string Message) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"WARNING {Message}";
}
