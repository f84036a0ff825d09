using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Activities;

/// <summary>What an executing activity may read and do. Input errors the validator should have caught fault the instance.</summary>
internal sealed class ActivityContext(RunContext run, ActivityDefinition activity, Token token)
{
    public ActivityDefinition Activity => activity;
    public Token Token => token;
    public RunContext Run => run;
    public InstanceState State => run.State;
    public DateTimeOffset Now => run.Now;
    public DateOnly Today => run.Today;

    // ---- flow ----

    public void Continue(string port) => run.Continue(token, activity.Id, port);

    public void Park() => run.Park(token);

    /// <summary>Leaves a waiting activity by a port, <paramref name="result"/> saved in its <c>saveAs</c>.</summary>
    public void Leave(string port, JsonObject? result) => run.Leave(token, port, result);

    public void CompleteInstance(string outcome) => run.CompleteInstance(outcome);

    public void Emit(Effect effect) => run.Emit(effect);

    /// <summary>Keeps a new task in the state and tells the shell.</summary>
    public void AddTask(TaskRecord task)
    {
        State.Tasks.Add(task);
        // A snapshot: the state's record changes later (completed, cancelled), the effect must not.
        Emit(new TaskCreated(JsonSerializer.Deserialize<TaskRecord>(JsonSerializer.Serialize(task, EngineJson.Options), EngineJson.Options)!));
    }

    public ActivityFaultException Fault(string message) => new(activity.Id, message);

    // ---- inputs ----

    /// <summary>A text input; <c>$variable</c> reads the variable (e.g. a licence type chosen at start).</summary>
    public string? Text(string name)
    {
        if (activity.Input(name) is not { } v) return null;
        var text = RunContext.Text(v);
        if (VariableRef(text) is not { } variable) return text;
        return Variable(variable) is JsonValue j && j.TryGetValue<string>(out var s) && s.Length > 0
            ? s
            : throw Fault($"input '{name}': variable '{variable}' is empty or not text");
    }

    /// <summary>Like <see cref="Text"/>, but a $variable that is empty or unset reads as absent (an optional setting a matter may leave out).</summary>
    public string? OptionalText(string name)
    {
        if (activity.Input(name) is not { } v) return null;
        var text = RunContext.Text(v);
        if (VariableRef(text) is not { } variable) return text;
        return Variable(variable) is JsonValue j && j.TryGetValue<string>(out var s) && s.Trim().Length > 0 ? s : null;
    }

    public string RequiredText(string name) => Text(name) ?? throw Fault($"input '{name}' is required");

    public int? Integer(string name)
    {
        if (activity.Input(name) is not { } v) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n)) return n;
        if (v.ValueKind == JsonValueKind.String && VariableRef(v.GetString()) is { } variable)
        {
            var value = Variable(variable);
            if (value is JsonValue j && j.TryGetValue<int>(out var fromVar)) return fromVar;
            // SetVariable stores whole numbers as long, which does not convert to int through TryGetValue.
            if (value is JsonValue k && k.TryGetValue<long>(out var wide) && wide is >= int.MinValue and <= int.MaxValue) return (int)wide;
            throw Fault($"input '{name}': variable '{variable}' holds {value?.ToJsonString() ?? "null"}, not an integer");
        }
        throw Fault($"input '{name}' is not an integer");
    }

    /// <summary>A duration input, literal or <c>$variable</c>.</summary>
    public Duration? Duration(string name)
    {
        if (activity.Input(name) is not { ValueKind: JsonValueKind.String } v) return null;
        var text = v.GetString()!;
        if (VariableRef(text) is { } variable)
        {
            var value = Variable(variable);
            text = value is JsonValue j && j.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "null";
        }
        var duration = Definitions.Duration.TryParse(text, out var error) ?? throw Fault($"input '{name}': {error}");
        // The unit is checked on read too: a duration variable holding 2h must not become 2 working days.
        var kind = ActivityRegistry.Find(activity.Type)?.Descriptor.Input(name)?.Kind ?? InputKind.Duration;
        return Validation.InputRules.DurationFits(kind, duration) is { } misfit ? throw Fault($"input '{name}': {misfit}") : duration;
    }

    /// <summary>A list of working-day durations (<c>["3wd","1wd"]</c>) as numbers of days; null when the input is absent.</summary>
    public List<int>? WorkingDaysList(string name)
    {
        if (activity.Input(name) is null) return null;
        return Strings(name)
            .Select(text => Definitions.Duration.TryParse(text, out var error) is { IsWorkingDays: true } d ? d.Amount : throw Fault($"input '{name}': {error ?? $"'{text}' is not in working days"}"))
            .ToList();
    }

    public List<string> Strings(string name) =>
        activity.Input(name) is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];

    public List<FormField> Form(string name) =>
        activity.Input(name) is { ValueKind: JsonValueKind.Array } list
            ? list.Deserialize<List<FormField>>(EngineJson.Options) ?? []
            : [];

    public JsonNode? Evaluate(string name) => Text(name) is { } expression ? run.Evaluate(activity.Id, expression, token.Locals) : null;

    public bool IsTrue(string expression) => run.IsTrue(activity.Id, expression, token.Locals);

    /// <summary>A variable as this flow sees it: a branch's own value (a ForEachParallel item) hides the instance's.</summary>
    public JsonNode? Variable(string name) =>
        token.Locals is { } locals && locals.TryGetPropertyValue(name, out var local) ? local : State.Variables[name];

    internal static string? VariableRef(string? text) => text is ['$', .. var rest] ? rest : null;

    // ---- time ----

    /// <summary>When a limit of this length, counted from now, has passed: the end of the N-th working day, or now plus calendar time.</summary>
    public Moment EndAfter(Duration duration) =>
        duration.IsWorkingDays ? run.Resolve(new WorkingDayRule(Today, duration.Amount)) : new Moment(duration.After(Now), null, null, false);

    /// <summary>When something scheduled this far ahead happens: 09:00 on the N-th working day, or now plus calendar time.</summary>
    public Moment StartAfter(Duration duration) =>
        duration.IsWorkingDays ? run.Resolve(new WorkingDayRule(Today, duration.Amount, AtNine: true)) : new Moment(duration.After(Now), null, null, false);

    public TimerRecord ScheduleTimer(TimerPurpose purpose, Moment at, string? port = null, string? notice = null) =>
        run.ScheduleTimer(activity.Id, token.Id, purpose, at, port, notice);

    /// <summary>
    /// Arms the optional <c>deadline</c> input as a timer racing whatever the token waits for (a task or an event): the
    /// first to happen wins and cancels the other. With <c>reminderBefore</c>, a reminder notice goes out that many
    /// working days before the deadline, at 09:00.
    /// </summary>
    public void ArmDeadline()
    {
        if (Duration("deadline") is not { } deadline) return;
        var at = EndAfter(deadline);
        ScheduleTimer(TimerPurpose.Deadline, at, "expired");
        if (Duration("reminderBefore") is { } before)
        {
            // Counted back from the deadline's last day; a calendar-time deadline's last day is the day it falls in.
            var rule = at.Rule is { } r
                ? r with { DaysBefore = before.Amount, AtNine = true }
                : new WorkingDayRule(ChinaTime.DateOf(at.At.AddTicks(-1)), 0, before.Amount, AtNine: true);
            var remindAt = run.Resolve(rule);
            if (remindAt.At > Now) ScheduleTimer(TimerPurpose.Reminder, remindAt, notice: Text("reminderTemplate") ?? "deadline-reminder");
        }
    }

    public void Notice(string type, string template, string recipient, JsonNode? data = null) =>
        Emit(new NoticeSent(type, template, recipient, activity.Id, data));

    /// <summary>Waits for named events, each leading to a port; <c>saveAs</c> receives the payload.</summary>
    public void WaitForEvents(params (string Event, string Port)[] events)
    {
        foreach (var (name, port) in events) token.Events[name] = port;
        token.SaveAs = Text("saveAs");
        ArmDeadline();
        Park();
    }
}
