using System.Text.Json.Nodes;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Procedures;

/// <summary>One instance of a seed procedure driven step by step on a simulated clock; keeps every notice sent.</summary>
internal sealed class Drive
{
    private readonly ProcedureRunner _runner = new(Repo.Calendar);
    private readonly ProcedureDefinition _definition;
    private readonly List<NoticeSent> _notices = [];
    private DateTimeOffset _now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    public Drive(string procedure, JsonObject? input = null)
    {
        _definition = Repo.LoadProcedure(procedure, null);
        State = Apply(null, new StartStimulus("case", input));
    }

    public InstanceState State { get; private set; }

    public Drive Complete(string activityId, string outcome, JsonObject? data = null, string by = "clerk-li")
    {
        var task = State.Tasks.Find(t => t.ActivityId == activityId && t.Status == HumanTaskStatus.Open)
            ?? throw new AssertionException($"no open task '{activityId}'");
        State = Apply(State, new TaskCompletedStimulus(task.Id, outcome, data, by));
        return this;
    }

    public Drive Event(string name, JsonObject? payload = null)
    {
        State = Apply(State, new EventStimulus(name, payload));
        return this;
    }

    public Drive FireTimer()
    {
        var timer = State.Timers.Where(t => t.Status == TimerStatus.Pending).MinBy(t => t.DueAt)
            ?? throw new AssertionException("no pending timer");
        _now = timer.DueAt > _now ? timer.DueAt : _now;
        State = Apply(State, new TimerFiredStimulus(timer.Id));
        return this;
    }

    public void FireTimersUntilEnd()
    {
        for (var i = 0; i < 50 && State.Status == InstanceStatus.Running; i++) FireTimer();
    }

    /// <summary>The open task of this activity.</summary>
    public TaskRecord OpenTask(string activityId) =>
        State.Tasks.Find(t => t.ActivityId == activityId && t.Status == HumanTaskStatus.Open)
        ?? throw new AssertionException($"no open task '{activityId}'");

    /// <summary>The activity whose task is open now (the one that decides).</summary>
    public string Then(string activityId) =>
        State.Tasks.Any(t => t.ActivityId == activityId && t.Status == HumanTaskStatus.Open)
            ? activityId
            : throw new AssertionException($"no open task '{activityId}'");

    /// <summary>The data of the last notice of this type.</summary>
    public JsonNode Notice(string type) =>
        _notices.LastOrDefault(n => n.NoticeType == type)?.Data
        ?? throw new AssertionException($"no '{type}' notice with data; sent: {string.Join(", ", _notices.Select(n => n.NoticeType))}");

    private InstanceState Apply(InstanceState? state, Stimulus stimulus)
    {
        var result = _runner.Run(_definition, state, stimulus, _now);
        if (result.Rejection is { } rejection) throw new AssertionException($"{stimulus}: {rejection}");
        if (result.State.Fault is { } fault) throw new AssertionException($"faulted: {fault}");
        _notices.AddRange(result.Effects.OfType<NoticeSent>());
        return result.State;
    }
}
