using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CloudApproval.Engine.Runtime;

/// <summary>Something that happened to an instance; the runner's only input besides the clock.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(StartStimulus), "start")]
[JsonDerivedType(typeof(TaskCompletedStimulus), "taskCompleted")]
[JsonDerivedType(typeof(EventStimulus), "event")]
[JsonDerivedType(typeof(TimerFiredStimulus), "timerFired")]
[JsonDerivedType(typeof(SubProcedureFinishedStimulus), "subProcedureFinished")]
[JsonDerivedType(typeof(SubProcedureFaultedStimulus), "subProcedureFaulted")]
[JsonDerivedType(typeof(TerminateStimulus), "terminate")]
[JsonDerivedType(typeof(CalendarChangedStimulus), "calendarChanged")]
public abstract record Stimulus;

/// <summary>Starts a new instance.</summary>
/// <param name="InstanceId">The shell's id for it.</param>
/// <param name="Input">Start input; keys naming declared variables set them.</param>
/// <param name="StartedBy">Who started it.</param>
/// <param name="Depth">How deeply it is nested: 0 for a case of its own, 1 for a sub-procedure of one, and so on.</param>
public sealed record StartStimulus(string InstanceId, JsonObject? Input = null, string? StartedBy = null, int Depth = 0) : Stimulus;

/// <summary>A clerk completed a task.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Outcome">One of the task's outcomes.</param>
/// <param name="Data">Form data.</param>
/// <param name="CompletedBy">Who.</param>
public sealed record TaskCompletedStimulus(string TaskId, string Outcome, JsonObject? Data = null, string? CompletedBy = null) : Stimulus;

/// <summary>A named external signal (materials supplemented, commitment signed, ...).</summary>
/// <param name="Name">Event name.</param>
/// <param name="Payload">What came with it.</param>
/// <param name="SentBy">Who sends it (<see cref="EventSenders"/>); null for the system and the operator, whom a WaitForEvent's <c>sentBy</c> does not restrict.</param>
public sealed record EventStimulus(string Name, JsonObject? Payload = null, string? SentBy = null) : Stimulus;

/// <summary>Who sends an event: what a WaitForEvent's <c>sentBy</c> may name.</summary>
public static class EventSenders
{
    /// <summary>The applicant of the case.</summary>
    public const string Applicant = "applicant";

    /// <summary>Staff of a department the case is with.</summary>
    public const string Staff = "staff";

    /// <summary>Every sender a WaitForEvent may name.</summary>
    public static IReadOnlyList<string> All { get; } = [Applicant, Staff];
}

/// <summary>A timer fell due.</summary>
/// <param name="TimerId">The timer.</param>
public sealed record TimerFiredStimulus(string TimerId) : Stimulus;

/// <summary>A sub-procedure started by CallProcedure finished.</summary>
/// <param name="ChildId">The child record.</param>
/// <param name="Outcome">Its final outcome.</param>
public sealed record SubProcedureFinishedStimulus(string ChildId, string Outcome) : Stimulus;

/// <summary>A sub-procedure started by CallProcedure faulted; its parent cannot go on either.</summary>
/// <param name="ChildId">The child record.</param>
/// <param name="ActivityId">Where the child faulted.</param>
/// <param name="Message">Why.</param>
public sealed record SubProcedureFaultedStimulus(string ChildId, string ActivityId, string Message) : Stimulus;

/// <summary>The instance is ended from outside (its parent procedure ended): open tasks and timers are cancelled, and it
/// completes with the outcome <c>terminated</c>.</summary>
/// <param name="Reason">Why, for the timeline and the cancelled tasks.</param>
public sealed record TerminateStimulus(string Reason) : Stimulus;

/// <summary>
/// The official calendar changed (a year's arrangement added or corrected): the runner, built on the new calendar,
/// recounts the legal clock, its timers, and every pending working-day timer and open task due date. Rejected with
/// <c>calendar-unchanged</c> when nothing in the instance moves.
/// </summary>
/// <param name="Note">What changed, for the trail (e.g. "cn-2027.json added").</param>
public sealed record CalendarChangedStimulus(string? Note = null) : Stimulus;
