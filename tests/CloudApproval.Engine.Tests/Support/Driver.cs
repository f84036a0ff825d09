using System.Text.Json.Nodes;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Tests.Support;

/// <summary>Plays the shell for one instance: sends stimuli to the runner and keeps the state of accepted runs.</summary>
internal sealed class Driver(ProcedureDefinition definition)
{
    private static readonly Lazy<ProcedureRunner> SharedRunner = new(() => new ProcedureRunner(Repo.Calendar));

    public static ProcedureRunner Runner => SharedRunner.Value;

    public ProcedureDefinition Definition { get; set; } = definition;

    /// <summary>The state after the last accepted run; null before start.</summary>
    public InstanceState? State { get; private set; }

    public InstanceState Current => State ?? throw new InvalidOperationException("not started");

    /// <summary>The result of the last run, accepted or not.</summary>
    public RunResult? Last { get; private set; }

    public IReadOnlyList<Effect> Effects => Last?.Effects ?? [];

    public RunResult Send(Stimulus stimulus, DateTimeOffset now)
    {
        Last = Runner.Run(Definition, State, stimulus, now);
        if (Last.Accepted) State = Last.State;
        return Last;
    }

    public RunResult Start(DateTimeOffset now, JsonObject? input = null) => Send(new StartStimulus("case-1", input, "tester"), now);

    public RunResult Complete(string activityId, string outcome, DateTimeOffset now, JsonObject? data = null, string? by = "clerk-li") =>
        Send(new TaskCompletedStimulus(OpenTask(activityId).Id, outcome, data, by), now);

    public RunResult Event(string name, DateTimeOffset now, JsonObject? payload = null) => Send(new EventStimulus(name, payload), now);

    /// <summary>Fires a timer when it falls due.</summary>
    public RunResult Fire(TimerRecord timer) => Send(new TimerFiredStimulus(timer.Id), timer.DueAt);

    public TaskRecord OpenTask(string activityId) =>
        Current.Tasks.SingleOrDefault(t => t.ActivityId == activityId && t.Status == HumanTaskStatus.Open)
        ?? throw new AssertionException($"no open task of '{activityId}'; tasks: {string.Join(", ", Current.Tasks.Select(t => $"{t.ActivityId}={t.Status}"))}");

    public TaskRecord Task(string activityId) => Current.Tasks.Single(t => t.ActivityId == activityId);

    /// <summary>The one pending timer of a purpose (optionally of an activity).</summary>
    public TimerRecord Pending(TimerPurpose purpose, string? activityId = null) =>
        Current.Timers.SingleOrDefault(t => t.Status == TimerStatus.Pending && t.Purpose == purpose && (activityId is null || t.ActivityId == activityId))
        ?? throw new AssertionException($"no pending {purpose} timer{(activityId is null ? "" : " of " + activityId)}; timers: "
            + string.Join(", ", Current.Timers.Select(t => $"{t.Id} {t.Purpose} {t.Status} {t.ActivityId}")));

    public IEnumerable<TimerRecord> PendingTimers => Current.Timers.Where(t => t.Status == TimerStatus.Pending);

    public IEnumerable<T> EffectsOf<T>() where T : Effect => Effects.OfType<T>();

    /// <summary>Activity ids entered by the last run, in order.</summary>
    public IReadOnlyList<string> Entered => EffectsOf<ActivityEntered>().Select(e => e.ActivityId).ToList();

    public string Timeline => string.Join("\n", Effects.Select(e => e.Describe()));
}
