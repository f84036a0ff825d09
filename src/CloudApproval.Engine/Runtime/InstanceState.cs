using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CloudApproval.Engine.Runtime;

/// <summary>
/// Everything the runner knows about one running procedure, as plain JSON-serialisable data. The shell stores it as
/// it is; the runner never mutates the state it is given (it works on a copy).
/// </summary>
public sealed class InstanceState
{
    /// <summary>Id given by the shell at start.</summary>
    public string InstanceId { get; set; } = "";
    /// <summary>The definition the instance is pinned to.</summary>
    public string DefinitionId { get; set; } = "";
    /// <summary>The pinned version.</summary>
    public int Version { get; set; }
    /// <summary>Running, completed or faulted.</summary>
    public InstanceStatus Status { get; set; }
    /// <summary>Final outcome when completed (approved, rejected, terminated, ...).</summary>
    public string? Outcome { get; set; }
    /// <summary>Why the instance faulted.</summary>
    public InstanceFault? Fault { get; set; }
    /// <summary>Nesting level: 0 for a case of its own, 1 for its sub-procedures, and so on.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Depth { get; set; }
    /// <summary>When the start stimulus arrived.</summary>
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>When it completed or faulted.</summary>
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>The time of the last stimulus applied. Time never moves backwards inside an instance: a later stimulus
    /// stamped earlier (clocks of two nodes differ, a replay) runs at this time instead.</summary>
    public DateTimeOffset? LastStepAt { get; set; }
    /// <summary>The start input, visible to expressions as <c>input</c>.</summary>
    public JsonObject Input { get; set; } = [];
    /// <summary>Instance variables, visible to expressions as <c>vars</c>.</summary>
    public JsonObject Variables { get; set; } = [];
    /// <summary>Execution points waiting for a stimulus (bookmarks).</summary>
    public List<Token> Tokens { get; set; } = [];
    /// <summary>Every human task the instance created, open or not.</summary>
    public List<TaskRecord> Tasks { get; set; } = [];
    /// <summary>Every timer the instance scheduled, pending or not.</summary>
    public List<TimerRecord> Timers { get; set; } = [];
    /// <summary>Sub-procedures started by CallProcedure.</summary>
    public List<ChildRecord> Children { get; set; } = [];
    /// <summary>Open forks and how many branches reached their join.</summary>
    public List<ForkRecord> Forks { get; set; } = [];
    /// <summary>The legal decision clock (arts. 42, 45), once started.</summary>
    public LegalClockState? Clock { get; set; }
    /// <summary>Milestones reached, by name, with the day each was (last) reached; expressions read them as <c>milestones</c>.</summary>
    public Dictionary<string, DateOnly> Milestones { get; set; } = [];
    /// <summary>Activities completed, in order, for migration and audit.</summary>
    public List<string> CompletedActivities { get; set; } = [];
    /// <summary>Source of local ids (tokens, tasks, timers).</summary>
    public int Sequence { get; set; }

    /// <summary>Serialises the state to JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, EngineJson.Options);

    /// <summary>Reads a state written by <see cref="ToJson"/>.</summary>
    public static InstanceState FromJson(string json) =>
        JsonSerializer.Deserialize<InstanceState>(json, EngineJson.Options) ?? throw new JsonException("state is null");

    /// <summary>A deep copy.</summary>
    public InstanceState Clone() => FromJson(ToJson());

    /// <summary>The open task with the given id, or null.</summary>
    public TaskRecord? FindTask(string id) => Tasks.Find(t => t.Id == id);

    /// <summary>The timer with the given id, or null.</summary>
    public TimerRecord? FindTimer(string id) => Timers.Find(t => t.Id == id);

    internal string NextId(string prefix) => $"{prefix}-{++Sequence}";
}

/// <summary>Lifecycle of an instance.</summary>
public enum InstanceStatus
{
    /// <summary>Waiting for stimuli.</summary>
    Running,
    /// <summary>Reached an End activity.</summary>
    Completed,
    /// <summary>Stopped by an error in the definition (an expression that threw, a missing connection).</summary>
    Faulted,
}

/// <summary>Why an instance faulted.</summary>
/// <param name="ActivityId">Where it happened.</param>
/// <param name="Message">What happened.</param>
public sealed record InstanceFault(string ActivityId, string Message);

/// <summary>An execution point waiting in an activity (a bookmark).</summary>
public sealed class Token
{
    /// <summary>Local id.</summary>
    public string Id { get; set; } = "";
    /// <summary>The activity it waits in.</summary>
    public string ActivityId { get; set; } = "";
    /// <summary>Fork instances it belongs to, innermost last.</summary>
    public List<string> ForkStack { get; set; } = [];
    /// <summary>The task it waits for, if any.</summary>
    public string? TaskId { get; set; }
    /// <summary>
    /// Several tasks it waits for at once (a consultation's signatures, one per department); its activity decides, as
    /// each is completed, when the flow moves on.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? TaskIds { get; set; }
    /// <summary>What an activity that waits through several steps has gathered so far (a consultation's minutes and signatures).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Work { get; set; }
    /// <summary>The sub-procedure it waits for, if any.</summary>
    public string? ChildId { get; set; }
    /// <summary>Named events it waits for, each leading to an outcome port.</summary>
    public Dictionary<string, string> Events { get; set; } = [];
    /// <summary>Variable that receives the completed task's data or the event's payload.</summary>
    public string? SaveAs { get; set; }
    /// <summary>The branch's own variables (a ForEachParallel item), hiding the instance's of the same name in this flow.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Locals { get; set; }
    /// <summary>For each ForEachParallel fork it belongs to, the index of its item.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, int>? BranchIndex { get; set; }
    /// <summary>Inside a ForEachParallel branch: the last task or sub-procedure the branch finished, its result at the Join.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Result { get; set; }
}

/// <summary>A human task created by a UserTask activity.</summary>
public sealed class TaskRecord
{
    /// <summary>Who completes a task whose deadline passed with the outcome silence means (its <see cref="DefaultOutcome"/>).</summary>
    public const string DeadlineCompleter = "system:deadline";

    /// <summary>Local id, unique within the instance.</summary>
    public string Id { get; set; } = "";
    /// <summary>The UserTask activity.</summary>
    public string ActivityId { get; set; } = "";
    /// <summary>Title shown in the inbox.</summary>
    public string Title { get; set; } = "";
    /// <summary>Guidance for the clerk.</summary>
    public string? Instructions { get; set; }
    /// <summary>Role that may claim it.</summary>
    public string Role { get; set; } = "";
    /// <summary>Department that may claim it.</summary>
    public string Department { get; set; } = "";
    /// <summary>Allowed outcomes.</summary>
    public List<string> Outcomes { get; set; } = [];
    /// <summary>Form fields to fill on completion.</summary>
    public List<FormField> Form { get; set; } = [];
    /// <summary>Higher first.</summary>
    public int Priority { get; set; }
    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When it is due (soft: shown as overdue after).</summary>
    public DateTimeOffset? DueAt { get; set; }
    /// <summary>The due date as people say it (the N-th working day).</summary>
    public DateOnly? DueDate { get; set; }
    /// <summary>How the due date was counted, to recount it when the calendar changes.</summary>
    public WorkingDayRule? DueRule { get; set; }
    /// <summary>True when the due date was cut back to the legal clock's due date (a task never ends after the limit).</summary>
    public bool DueCappedByLegalLimit { get; set; }
    /// <summary>True when the due date falls in or crosses a year without an official calendar: it may still move.</summary>
    public bool DueProvisional { get; set; }
    /// <summary>A UserTask activity whose holder must not hold this task (e.g. the hearing officer is not the reviewer);
    /// the shell enforces it when the task is claimed, assigned or completed.</summary>
    public string? NotSameAs { get; set; }
    /// <summary>The outcome the task is completed with (by <c>system:deadline</c>) when its deadline passes first.</summary>
    public string? DefaultOutcome { get; set; }
    /// <summary>The data recorded with the default outcome (a deemed consent's "no reply by" date and legal basis).</summary>
    public JsonObject? DefaultData { get; set; }
    /// <summary>
    /// The role in the same department the task passes to when its deadline passes first (a consulted department that
    /// does not answer: its head answers instead); the flow keeps waiting for the task.
    /// </summary>
    public string? EscalateTo { get; set; }
    /// <summary>
    /// Set on a task another department is asked to answer (an opinion request): the material codes shared with it. Its
    /// staff read only this slice of the case, and only while such a task is open; null for the case's own work, whose
    /// department reads the whole case.
    /// </summary>
    public List<string>? SharedMaterials { get; set; }
    /// <summary>When a follow-up reminder goes out.</summary>
    public DateTimeOffset? FollowUpAt { get; set; }
    /// <summary>Open, completed or cancelled.</summary>
    public HumanTaskStatus Status { get; set; }
    /// <summary>The outcome chosen.</summary>
    public string? Outcome { get; set; }
    /// <summary>Form data given on completion.</summary>
    public JsonObject? Data { get; set; }
    /// <summary>Who completed it.</summary>
    public string? CompletedBy { get; set; }
    /// <summary>When it was completed or cancelled.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>Lifecycle of a task in the runner (claiming is the shell's business).</summary>
public enum HumanTaskStatus
{
    /// <summary>Waiting for a clerk.</summary>
    Open,
    /// <summary>Done with an outcome.</summary>
    Completed,
    /// <summary>Withdrawn by the procedure (a deadline won the race, or the instance ended).</summary>
    Cancelled,
}

/// <summary>A field of a task form.</summary>
/// <param name="Name">Key in the completed data.</param>
/// <param name="Label">What the clerk sees.</param>
/// <param name="Type">text, integer, boolean, date, file or choice.</param>
/// <param name="Required">Whether completion needs it.</param>
/// <param name="Choices">Allowed values for a choice field.</param>
/// <param name="RequiredFor">Outcomes that need it even when it is not <paramref name="Required"/> (the reasons of a refusal).</param>
public sealed record FormField(string Name, string Label, string Type, bool Required, IReadOnlyList<string>? Choices = null, IReadOnlyList<string>? RequiredFor = null);

/// <summary>A timer the instance scheduled; the shell turns it into a Hangfire job.</summary>
public sealed class TimerRecord
{
    /// <summary>Local id.</summary>
    public string Id { get; set; } = "";
    /// <summary>The token it belongs to; null for the legal clock's timer.</summary>
    public string? TokenId { get; set; }
    /// <summary>The activity that scheduled it.</summary>
    public string ActivityId { get; set; } = "";
    /// <summary>What firing does.</summary>
    public TimerPurpose Purpose { get; set; }
    /// <summary>When it fires.</summary>
    public DateTimeOffset DueAt { get; set; }
    /// <summary>Pending, fired or cancelled.</summary>
    public TimerStatus Status { get; set; }
    /// <summary>The port the token leaves by when it fires (for waits and deadlines).</summary>
    public string? Port { get; set; }
    /// <summary>The notice a reminder sends.</summary>
    public string? NoticeTemplate { get; set; }
    /// <summary>How the time was counted in working days, to recount it when the calendar changes; null for calendar
    /// time and for the legal clock's timers (recomputed from the clock).</summary>
    public WorkingDayRule? Rule { get; set; }
    /// <summary>True when the time was counted over a year without an official calendar: it may still move.</summary>
    public bool Provisional { get; set; }
}

/// <summary>What a timer is for.</summary>
public enum TimerPurpose
{
    /// <summary>A Timer activity or a session start: the token moves on.</summary>
    Wait,
    /// <summary>A deadline racing a task or an event: the task is cancelled and the token leaves by the expired port.</summary>
    Deadline,
    /// <summary>A reminder notice; the token keeps waiting.</summary>
    Reminder,
    /// <summary>The legal decision limit is reached: the department is alerted.</summary>
    LegalLimit,
    /// <summary>The legal limit is near (<c>warnBefore</c>): the task holders and the department head are alerted.</summary>
    LegalWarning,
    /// <summary>A suspension has lasted longer than its maximum length: the department head is alerted.</summary>
    SuspensionLimit,
}

/// <summary>Lifecycle of a timer.</summary>
public enum TimerStatus
{
    /// <summary>Scheduled.</summary>
    Pending,
    /// <summary>Fired and handled.</summary>
    Fired,
    /// <summary>No longer wanted.</summary>
    Cancelled,
}

/// <summary>A sub-procedure started by CallProcedure.</summary>
public sealed class ChildRecord
{
    /// <summary>Local id.</summary>
    public string Id { get; set; } = "";
    /// <summary>The CallProcedure activity.</summary>
    public string ActivityId { get; set; } = "";
    /// <summary>The called procedure.</summary>
    public string DefinitionId { get; set; } = "";
    /// <summary>Outcome once finished.</summary>
    public string? Outcome { get; set; }
}

/// <summary>An executed Fork or ForEachParallel whose Join has not completed.</summary>
public sealed class ForkRecord
{
    /// <summary>Local id.</summary>
    public string Id { get; set; } = "";
    /// <summary>The Fork activity.</summary>
    public string ActivityId { get; set; } = "";
    /// <summary>Branches started.</summary>
    public int Branches { get; set; }
    /// <summary>Branches that reached the join.</summary>
    public int Arrived { get; set; }
    /// <summary>A ForEachParallel's items, one branch each; null for a Fork.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonArray? Items { get; set; }
    /// <summary>A ForEachParallel's branch results, by item; null until the branch reaches the Join.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonArray? Results { get; set; }
    /// <summary>The variables of the flow that entered a ForEachParallel, given back to the flow that leaves its Join.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Locals { get; set; }
}

/// <summary>
/// The case's legal decision clock: a working-day limit from acceptance, with suspensions (art. 45) and one extension
/// (art. 42), beside the shorter promised limit (承诺时限) of the matter.
/// </summary>
public sealed class LegalClockState
{
    /// <summary>Running, suspended or stopped.</summary>
    public ClockStatus Status { get; set; }
    /// <summary>The StartLegalClock activity that started it.</summary>
    public string ActivityId { get; set; } = "";
    /// <summary>
    /// How the limits below count: working days (every licensing limit, art. 82) or calendar days. The limit properties
    /// keep their working-day names so that stored states read as before; they count in this kind.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public DayKind DayKind { get; set; }
    /// <summary>Joint or centralised handling (art. 26): 45 + 15 working days, the extension approved by the head of the
    /// people's government (role government-head) instead of the organ's head.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Joint { get; set; }
    /// <summary>The legal limit in <see cref="DayKind"/> days (20 working days for most licences).</summary>
    public int LimitWorkingDays { get; set; }
    /// <summary>Days added by the extension (art. 42 allows one), in <see cref="DayKind"/> days.</summary>
    public int ExtensionWorkingDays { get; set; }
    /// <summary>The promised limit (承诺时限) in <see cref="DayKind"/> days, when the matter promises one.</summary>
    public int? PromisedWorkingDays { get; set; }
    /// <summary>The day counting starts after (acceptance).</summary>
    public DateOnly StartedOn { get; set; }
    /// <summary>Periods not counted, ordered and disjoint.</summary>
    public List<ClockSuspension> Suspensions { get; set; } = [];
    /// <summary>The last day of the legal limit: null while suspended (it depends on when counting resumes); kept when
    /// the clock stops, so that on-time can be judged.</summary>
    public DateOnly? DueDate { get; set; }
    /// <summary>The last day of the promised limit (suspensions excluded, no extension), like <see cref="DueDate"/>.</summary>
    public DateOnly? PromisedDueDate { get; set; }
    /// <summary>True when a due date falls in or crosses a year without an official calendar: it may still move.</summary>
    public bool Provisional { get; set; }
    /// <summary>Working days before the legal limit at which the task holders and the head are warned.</summary>
    public List<int> WarnBeforeWorkingDays { get; set; } = [];
    /// <summary>The timer that alerts when the limit is reached.</summary>
    public string? TimerId { get; set; }
    /// <summary>The pending early-warning timers.</summary>
    public List<string> WarningTimerIds { get; set; } = [];
    /// <summary>The timer that alerts the head when the current suspension lasts too long.</summary>
    public string? SuspensionTimerId { get; set; }
    /// <summary>The day the decision was made (the clock stopped).</summary>
    public DateOnly? StoppedOn { get; set; }
    /// <summary>Whether the decision came within the legal limit; set when the clock stops.</summary>
    public bool? OnTimeLegal { get; set; }
    /// <summary>Whether the decision came within the promised limit; set when the clock stops and a promise was made.</summary>
    public bool? OnTimePromised { get; set; }
}

/// <summary>A suspension of the legal clock, from a day (inclusive) to the day it resumed (exclusive).</summary>
/// <param name="From">First day not counted.</param>
/// <param name="To">Day counting resumed; null while suspended.</param>
/// <param name="Reason">What the applicant is told (the ground, or the activity's own words).</param>
/// <param name="Ground">The art. 45 ground (hearing, testing, expert-review, ...) or <c>special</c>.</param>
/// <param name="LegalBasis">The special law that allows it, for the ground <c>special</c>.</param>
/// <param name="TimeNeeded">The time stated to the applicant, e.g. 20wd.</param>
public sealed record ClockSuspension(DateOnly From, DateOnly? To, string Reason, string? Ground = null, string? LegalBasis = null, string? TimeNeeded = null);

/// <summary>State of the legal clock.</summary>
public enum ClockStatus
{
    /// <summary>Counting.</summary>
    Running,
    /// <summary>Not counting (art. 45).</summary>
    Suspended,
    /// <summary>Decision made.</summary>
    Stopped,
}
