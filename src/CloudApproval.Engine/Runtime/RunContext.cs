using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Engine.Activities;
using CloudApproval.Engine.Activities.Clock;
using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Expressions;

namespace CloudApproval.Engine.Runtime;

/// <summary>One run of the runner over a private copy of the state: applies a stimulus, then moves tokens until each waits.</summary>
internal sealed class RunContext(
    ProcedureDefinition definition,
    InstanceState state,
    DateTimeOffset now,
    WorkingCalendar calendar,
    ExpressionEvaluator expressions)
{
    // A run that takes this many steps without waiting is a loop in the definition.
    private const int MaxSteps = 10_000;

    private readonly Queue<(Token Token, string ActivityId)> _queue = new();
    private readonly List<Effect> _effects = [];

    public ProcedureDefinition Definition => definition;
    public InstanceState State => state;
    public DateTimeOffset Now => now;
    public WorkingCalendar Calendar => calendar;
    public IReadOnlyList<Effect> Effects => _effects;
    public string? CurrentActivityId { get; private set; }
    public DateOnly Today => ChinaTime.DateOf(now);

    public void Emit(Effect effect) => _effects.Add(effect);

    // ---- stimuli -------------------------------------------------------------------------------------------

    public Rejection? Apply(Stimulus stimulus)
    {
        state.LastStepAt = now;
        return stimulus switch
        {
            StartStimulus s => Start(s),
            TaskCompletedStimulus s => CompleteTask(s),
            EventStimulus s => ReceiveEvent(s),
            TimerFiredStimulus s => FireTimer(s),
            SubProcedureFinishedStimulus s => FinishChild(s),
            SubProcedureFaultedStimulus s => ChildFaulted(s),
            TerminateStimulus s => Terminate(s),
            CalendarChangedStimulus => CalendarRecount.Apply(this),
            _ => new Rejection("unknown-stimulus", $"unknown stimulus {stimulus.GetType().Name}"),
        };
    }

    private Rejection? Start(StartStimulus s)
    {
        state.Depth = s.Depth;
        state.InstanceId = s.InstanceId;
        state.DefinitionId = definition.DefinitionId;
        state.Version = definition.Version;
        state.Status = InstanceStatus.Running;
        state.StartedAt = now;
        state.Input = s.Input is null ? [] : (JsonObject)s.Input.DeepClone();
        foreach (var v in definition.Variables)
            state.Variables[v.Name] = v.Default is { } d ? JsonNode.Parse(d.GetRawText()) : null;
        foreach (var (key, value) in state.Input)
        {
            var declared = definition.Variables.FirstOrDefault(v => v.Name == key);
            if (declared is null) continue;
            var problem = VariableValues.Check(declared.Type, value);
            if (problem is not null) return new Rejection("invalid-input", $"input.{key}: {problem}");
            state.Variables[key] = value?.DeepClone();
        }
        var start = definition.Activities.FirstOrDefault(a => a.Type == "Start");
        if (start is null) return new Rejection("invalid-definition", "the definition has no Start activity");
        _queue.Enqueue((NewToken([]), start.Id));
        return null;
    }

    private Rejection? CompleteTask(TaskCompletedStimulus s)
    {
        var task = state.FindTask(s.TaskId);
        if (task is null) return new Rejection("unknown-task", $"instance {state.InstanceId} has no task {s.TaskId}");
        if (task.Status != HumanTaskStatus.Open)
            return new Rejection("task-not-open", $"task {s.TaskId} is {task.Status.ToString().ToLowerInvariant()}");
        if (!task.Outcomes.Contains(s.Outcome))
            return new Rejection("outcome-not-allowed", $"task {s.TaskId} allows {string.Join(", ", task.Outcomes)}, not '{s.Outcome}'");
        var problem = FormData.Check(task.Form, s.Data, s.Outcome);
        if (problem is not null) return new Rejection("invalid-data", $"task {s.TaskId}: {problem}");
        var token = state.Tokens.Find(t => t.TaskId == task.Id || t.TaskIds?.Contains(task.Id) == true);
        if (token is null) return new Rejection("no-waiter", $"task {s.TaskId} has no waiting flow");
        if (TypeOf(token.ActivityId)?.CheckCompletion(token, task, s.Outcome, s.Data) is { } refused)
            return new Rejection("invalid-data", $"task {s.TaskId}: {refused}");
        FinishTask(token, task, s.Outcome, s.Data, s.CompletedBy);
        return null;
    }

    /// <summary>Who completes a task whose deadline passed with a default outcome: no person, the procedure's silence policy.</summary>
    public const string DeadlineCompleter = TaskRecord.DeadlineCompleter;

    private void FinishTask(Token token, TaskRecord task, string outcome, JsonObject? data, string? completedBy)
    {
        task.Status = HumanTaskStatus.Completed;
        task.Outcome = outcome;
        task.Data = data is null ? null : (JsonObject)data.DeepClone();
        task.CompletedBy = completedBy;
        task.ClosedAt = now;
        Emit(new TaskCompleted(task.Id, outcome, completedBy));
        if (definition.FindActivity(token.ActivityId) is { } activity
            && ActivityRegistry.Find(activity.Type)?.TaskFinished(new ActivityContext(this, activity, token), task) == true) return;
        if (token.BranchIndex is not null)
            token.Result = new JsonObject { ["activity"] = task.ActivityId, ["outcome"] = outcome, ["completedBy"] = completedBy, ["data"] = task.Data?.DeepClone() };
        Save(token, task.Data);
        Resume(token, outcome);
    }

    private ActivityType? TypeOf(string activityId) =>
        definition.FindActivity(activityId) is { } activity ? ActivityRegistry.Find(activity.Type) : null;

    /// <summary>
    /// A waiting token leaves its activity by a port, with <paramref name="result"/> saved in its <c>saveAs</c> and, in a
    /// ForEachParallel branch, kept as the branch's result (an activity of several steps that decided it is done).
    /// </summary>
    public void Leave(Token token, string port, JsonObject? result)
    {
        if (token.BranchIndex is not null)
            token.Result = new JsonObject { ["activity"] = token.ActivityId, ["outcome"] = port, ["data"] = result?.DeepClone() };
        Save(token, result);
        Resume(token, port);
    }

    private Rejection? ReceiveEvent(EventStimulus s)
    {
        var waiting = state.Tokens.Where(t => t.Events.ContainsKey(s.Name)).ToList();
        if (waiting.Count == 0)
        {
            var expected = state.Tokens.SelectMany(t => t.Events.Keys).Distinct().ToList();
            return new Rejection("no-waiter", $"nothing in instance {state.InstanceId} waits for event '{s.Name}'"
                + (expected.Count > 0 ? $"; it waits for {string.Join(", ", expected)}" : ""));
        }
        if (s.SentBy is { } sender
            && waiting.Select(t => definition.FindActivity(t.ActivityId)?.Text("sentBy")).FirstOrDefault(r => r is not null && r != sender) is { } required)
            return new Rejection("wrong-sender", $"event '{s.Name}' is for the {required} to send, not the {sender}");
        Emit(new EventReceived(s.Name));
        foreach (var token in waiting)
        {
            Save(token, s.Payload);
            Resume(token, token.Events[s.Name]);
        }
        return null;
    }

    private Rejection? FireTimer(TimerFiredStimulus s)
    {
        var timer = state.FindTimer(s.TimerId);
        if (timer is null) return new Rejection("unknown-timer", $"instance {state.InstanceId} has no timer {s.TimerId}");
        if (timer.Status != TimerStatus.Pending)
            return new Rejection("timer-not-pending", $"timer {s.TimerId} is {timer.Status.ToString().ToLowerInvariant()}");
        if (now < timer.DueAt)
            return new Rejection("timer-not-due", $"timer {s.TimerId} is due at {ChinaTime.Format(timer.DueAt)}");
        timer.Status = TimerStatus.Fired;
        Emit(new TimerFired(timer.Id, timer.Purpose));
        CurrentActivityId = timer.ActivityId;
        var token = timer.TokenId is null ? null : state.Tokens.Find(t => t.Id == timer.TokenId);
        switch (timer.Purpose)
        {
            case TimerPurpose.Reminder:
                Emit(new NoticeSent("reminder", timer.NoticeTemplate ?? "reminder", token?.TaskId is null ? "applicant" : "assignee", timer.ActivityId));
                break;
            case TimerPurpose.LegalLimit or TimerPurpose.LegalWarning or TimerPurpose.SuspensionLimit:
                LegalClock.TimerFired(this, timer);
                break;
            default:
                if (token is null) return new Rejection("no-waiter", $"timer {s.TimerId} has no waiting flow");
                // Silence has a meaning the procedure stated: the task is completed with it, not withdrawn.
                var open = timer.Purpose == TimerPurpose.Deadline && token.TaskId is { } taskId
                    && state.FindTask(taskId) is { Status: HumanTaskStatus.Open } found ? found : null;
                if (open is { DefaultOutcome: { } silence })
                    FinishTask(token, open, silence, open.DefaultData, DeadlineCompleter);
                else if (open is { EscalateTo: { } role })
                    Escalate(token, open, role);
                else
                    Resume(token, timer.Port ?? "done");
                break;
        }
        return null;
    }

    private Rejection? FinishChild(SubProcedureFinishedStimulus s)
    {
        var child = state.Children.Find(c => c.Id == s.ChildId);
        if (child is null) return new Rejection("unknown-child", $"instance {state.InstanceId} has no sub-procedure {s.ChildId}");
        if (child.Outcome is not null) return new Rejection("child-finished", $"sub-procedure {s.ChildId} already finished with '{child.Outcome}'");
        var token = state.Tokens.Find(t => t.ChildId == child.Id);
        if (token is null) return new Rejection("no-waiter", $"sub-procedure {s.ChildId} has no waiting flow");
        var ports = PortsOf(token.ActivityId);
        if (!ports.Contains(s.Outcome))
            return new Rejection("outcome-not-expected", $"{child.ActivityId} expects {string.Join(", ", ports)}, not '{s.Outcome}'");
        child.Outcome = s.Outcome;
        if (token.BranchIndex is not null) token.Result = new JsonObject { ["activity"] = child.ActivityId, ["outcome"] = s.Outcome };
        Resume(token, s.Outcome);
        return null;
    }

    private Rejection? ChildFaulted(SubProcedureFaultedStimulus s)
    {
        var child = state.Children.Find(c => c.Id == s.ChildId);
        if (child is null) return new Rejection("unknown-child", $"instance {state.InstanceId} has no sub-procedure {s.ChildId}");
        if (child.Outcome is not null) return new Rejection("child-finished", $"sub-procedure {s.ChildId} already finished with '{child.Outcome}'");
        // Recorded so that ending this instance does not also try to terminate the child that is already over.
        child.Outcome = "faulted";
        throw new ActivityFaultException(child.ActivityId, $"sub-procedure {child.Id} ({child.DefinitionId}) faulted in {s.ActivityId}: {s.Message}");
    }

    private Rejection? Terminate(TerminateStimulus s)
    {
        CompleteInstance("terminated", s.Reason);
        return null;
    }

    // ---- moving tokens -------------------------------------------------------------------------------------

    public void Drain()
    {
        var steps = 0;
        while (_queue.Count > 0 && state.Status == InstanceStatus.Running)
        {
            if (++steps > MaxSteps)
                throw new ActivityFaultException(CurrentActivityId ?? "(runner)", $"more than {MaxSteps} steps without waiting: a loop in the definition");
            var (token, activityId) = _queue.Dequeue();
            var activity = definition.FindActivity(activityId)
                ?? throw new ActivityFaultException(CurrentActivityId ?? "(runner)", $"activity '{activityId}' does not exist");
            var type = ActivityRegistry.Find(activity.Type)
                ?? throw new ActivityFaultException(activity.Id, $"unknown activity type '{activity.Type}'");
            CurrentActivityId = activity.Id;
            token.ActivityId = activity.Id;
            Emit(new ActivityEntered(activity.Id, activity.Type, activity.DisplayName));
            type.Execute(new ActivityContext(this, activity, token));
        }
    }

    /// <summary>Leaves an activity by a port and queues the target.</summary>
    public void Continue(Token token, string activityId, string port)
    {
        var target = definition.Target(activityId, port)
            ?? throw new ActivityFaultException(activityId, $"outcome '{port}' of '{activityId}' is not connected");
        state.CompletedActivities.Add(activityId);
        _queue.Enqueue((token, target));
    }

    /// <summary>Parks a token until a stimulus for it arrives.</summary>
    public void Park(Token token) => state.Tokens.Add(token);

    /// <summary>A waiting token moves on: what it waited for is cleaned up, then it leaves by the port.</summary>
    private void Resume(Token token, string port)
    {
        CurrentActivityId = token.ActivityId;
        state.Tokens.Remove(token);
        CancelTimers(t => t.TokenId == token.Id);
        if (token.TaskId is not null && state.FindTask(token.TaskId) is { Status: HumanTaskStatus.Open } task)
            CancelTask(task, "the deadline passed first");
        CancelOpenTasks(token, "the flow moved on");
        token.TaskId = null;
        token.TaskIds = null;
        token.Work = null;
        token.ChildId = null;
        token.Events.Clear();
        token.SaveAs = null;
        Continue(token, token.ActivityId, port);
    }

    /// <summary>A new flow; a branch inherits its parent's own variables and branch indexes.</summary>
    public Token NewToken(List<string> forkStack, Token? parent = null) => new()
    {
        Id = state.NextId("k"),
        ForkStack = forkStack,
        Locals = (JsonObject?)parent?.Locals?.DeepClone(),
        BranchIndex = parent?.BranchIndex is { } index ? new(index, StringComparer.Ordinal) : null,
    };

    /// <summary>
    /// Ends every flow still inside a fork's branches but <paramref name="survivor"/> (a ForEachParallel whose completion
    /// condition is met): their tasks and timers are cancelled, their sub-procedures terminated, forks opened inside
    /// them forgotten, and flows queued in this run dropped.
    /// </summary>
    public void CancelBranches(ForkRecord fork, Token survivor, string reason)
    {
        bool Inside(Token t) => t != survivor && t.ForkStack.Contains(fork.Id);
        foreach (var token in state.Tokens.Where(Inside).ToList())
        {
            state.Tokens.Remove(token);
            CancelTimers(t => t.TokenId == token.Id);
            if (token.TaskId is not null && state.FindTask(token.TaskId) is { Status: HumanTaskStatus.Open } task) CancelTask(task, reason);
            CancelOpenTasks(token, reason);
            if (token.ChildId is not null && state.Children.Find(c => c.Id == token.ChildId) is { Outcome: null } child)
            {
                child.Outcome = "terminated";
                Emit(new SubProcedureTerminated(child.Id, reason));
            }
            var inner = token.ForkStack.Skip(token.ForkStack.IndexOf(fork.Id) + 1).ToHashSet(StringComparer.Ordinal);
            state.Forks.RemoveAll(f => inner.Contains(f.Id));
        }
        var queued = _queue.Where(q => !Inside(q.Token)).ToList();
        _queue.Clear();
        foreach (var entry in queued) _queue.Enqueue(entry);
    }

    /// <summary>Ends the instance with an outcome; <paramref name="reason"/> is what its open tasks and children are told.</summary>
    public void CompleteInstance(string outcome, string? reason = null)
    {
        EndEverything(reason ?? "the procedure ended: " + outcome, faulted: false);
        state.Status = InstanceStatus.Completed;
        state.Outcome = outcome;
        state.EndedAt = now;
        Emit(new InstanceCompleted(outcome));
    }

    public void Fault(string activityId, string message)
    {
        EndEverything("the procedure faulted", faulted: true);
        state.Status = InstanceStatus.Faulted;
        state.Fault = new InstanceFault(activityId, message);
        state.EndedAt = now;
        Emit(new InstanceFaulted(activityId, message));
    }

    private void EndEverything(string reason, bool faulted)
    {
        _queue.Clear();
        foreach (var task in state.Tasks.Where(t => t.Status == HumanTaskStatus.Open)) CancelTask(task, reason);
        // The clock stops as StopLegalClock stops it (effect, open suspension closed, due date and on-time kept), before
        // the remaining timers go; a faulted instance keeps the due date it had, as recounting could fault again.
        if (state.Clock is { Status: not ClockStatus.Stopped }) LegalClock.Stop(this, CurrentActivityId ?? state.Clock.ActivityId, recount: !faulted);
        CancelTimers(_ => true);
        // A running sub-procedure would otherwise keep its tasks and timers with no parent waiting for it.
        foreach (var child in state.Children.Where(c => c.Outcome is null))
        {
            child.Outcome = "terminated";
            Emit(new SubProcedureTerminated(child.Id, reason));
        }
        state.Tokens.Clear();
    }

    /// <summary>
    /// The task's deadline passed unanswered and the procedure said who answers then: the task is withdrawn from its role
    /// and the same question goes to <paramref name="role"/> in the same department, with no further deadline (someone
    /// must answer); the flow keeps waiting and leaves by the outcome that task is completed with.
    /// </summary>
    private void Escalate(Token token, TaskRecord task, string role)
    {
        CancelTask(task, $"no reply by {task.DueDate:yyyy-MM-dd}: escalated to {role}");
        var escalated = JsonSerializer.Deserialize<TaskRecord>(JsonSerializer.Serialize(task, EngineJson.Options), EngineJson.Options)!;
        escalated.Id = state.NextId("task");
        escalated.Role = role;
        escalated.EscalateTo = null;
        escalated.Status = HumanTaskStatus.Open;
        escalated.CreatedAt = now;
        escalated.ClosedAt = null;
        escalated.Instructions = $"Escalated: {task.Role} did not reply by {task.DueDate:yyyy-MM-dd}. " + task.Instructions;
        state.Tasks.Add(escalated);
        Emit(new TaskCreated(JsonSerializer.Deserialize<TaskRecord>(JsonSerializer.Serialize(escalated, EngineJson.Options), EngineJson.Options)!));
        token.TaskId = escalated.Id;
    }

    /// <summary>Withdraws what is still open among the several tasks a token waits for.</summary>
    public void CancelOpenTasks(Token token, string reason)
    {
        foreach (var id in token.TaskIds ?? [])
            if (state.FindTask(id) is { Status: HumanTaskStatus.Open } open) CancelTask(open, reason);
    }

    private void CancelTask(TaskRecord task, string reason)
    {
        task.Status = HumanTaskStatus.Cancelled;
        task.ClosedAt = now;
        Emit(new TaskCancelled(task.Id, reason));
    }

    public void CancelTimers(Func<TimerRecord, bool> which)
    {
        foreach (var timer in state.Timers.Where(t => t.Status == TimerStatus.Pending && which(t)))
        {
            timer.Status = TimerStatus.Cancelled;
            Emit(new TimerCancelled(timer.Id));
        }
    }

    /// <summary>Schedules a timer at a counted moment, keeping how it was counted.</summary>
    public TimerRecord ScheduleTimer(string activityId, string? tokenId, TimerPurpose purpose, Moment at, string? port = null, string? notice = null) =>
        ScheduleTimer(new TimerRecord
        {
            TokenId = tokenId, ActivityId = activityId, Purpose = purpose, DueAt = at.At, Port = port, NoticeTemplate = notice,
            Rule = at.Rule, Provisional = at.Provisional,
        });

    /// <summary>Gives the timer an id, keeps it and tells the shell.</summary>
    public TimerRecord ScheduleTimer(TimerRecord timer)
    {
        timer.Id = state.NextId("timer");
        timer.Status = TimerStatus.Pending;
        state.Timers.Add(timer);
        Emit(new TimerScheduled(timer.Id, timer.DueAt, timer.Purpose, timer.ActivityId, timer.Provisional));
        return timer;
    }

    private void Save(Token token, JsonObject? data)
    {
        if (token.SaveAs is not null) Assign(token.ActivityId, token.SaveAs, data?.DeepClone(), token);
    }

    /// <summary>
    /// Writes a variable, checking the value against the variable's declared type: a typed variable stays typed. A
    /// variable the flow holds as its own (a ForEachParallel item) is written in that flow only.
    /// </summary>
    public void Assign(string activityId, string name, JsonNode? value, Token? token = null)
    {
        var declared = definition.Variables.FirstOrDefault(v => v.Name == name)
            ?? throw new ActivityFaultException(activityId, $"variable '{name}' is not declared");
        if (VariableValues.Check(declared.Type, value) is { } problem)
            throw new ActivityFaultException(activityId, $"variable '{name}' is {VariableTypes.Name(declared.Type)}: {problem}");
        if (token?.Locals is { } locals && locals.ContainsKey(name))
        {
            locals[name] = value;
            return;
        }
        state.Variables[name] = value;
        // The effect is a snapshot: the state's node may change later, the journal must not.
        Emit(new VariableSet(name, value?.DeepClone()));
    }

    public IReadOnlyList<string> PortsOf(string activityId)
    {
        var activity = definition.FindActivity(activityId);
        return activity is null ? [] : ActivityRegistry.Find(activity.Type)?.Descriptor.PortsOf(activity) ?? [];
    }

    // ---- values --------------------------------------------------------------------------------------------

    /// <summary>What expressions see; a branch's own values (<paramref name="locals"/>) hide the instance's of the same name.</summary>
    public ExpressionScope Scope(JsonObject? locals = null)
    {
        var variables = state.Variables;
        if (locals is { Count: > 0 })
        {
            variables = (JsonObject)state.Variables.DeepClone();
            foreach (var (name, value) in locals) variables[name] = value?.DeepClone();
        }
        var milestones = new JsonObject();
        foreach (var (name, day) in state.Milestones) milestones[name] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new(variables, state.Input, new JsonObject
        {
            ["instanceId"] = state.InstanceId,
            ["definitionId"] = state.DefinitionId,
            ["version"] = state.Version,
            ["startedAt"] = state.StartedAt.ToString("O", CultureInfo.InvariantCulture),
        }, now, milestones);
    }

    public JsonNode? Evaluate(string activityId, string expression, JsonObject? locals = null)
    {
        try
        {
            return expressions.Evaluate(expression, Scope(locals));
        }
        catch (ExpressionException ex)
        {
            throw new ActivityFaultException(activityId, ex.Message);
        }
    }

    public bool IsTrue(string activityId, string expression, JsonObject? locals = null)
    {
        try
        {
            return expressions.IsTrue(expression, Scope(locals));
        }
        catch (ExpressionException ex)
        {
            throw new ActivityFaultException(activityId, ex.Message);
        }
    }

    /// <summary>The N-th working day after a day and whether it is exact, noting when the calendar had to guess.</summary>
    public CalendarAnswer<DateOnly> WorkingDaysAfter(DateOnly from, int n, IReadOnlyList<DateInterval>? excluded = null)
    {
        var answer = calendar.AddWorkingDays(from, n, excluded);
        if (answer.Warning is { } warning) Emit(new CalendarGuessed(warning));
        return answer;
    }

    /// <summary>Counts a working-day rule on the current calendar.</summary>
    public Moment Resolve(WorkingDayRule rule)
    {
        var forward = WorkingDaysAfter(rule.From, rule.Days);
        var day = forward.Value;
        var exact = forward.IsExact;
        if (rule.DaysBefore != 0)
        {
            var back = WorkingDaysAfter(day, -rule.DaysBefore);
            day = back.Value;
            exact &= back.IsExact;
        }
        var at = rule.AtNine ? ChinaTime.StartOf(day).AddHours(9) : ChinaTime.EndOf(day);
        return new Moment(at, day, rule, !exact);
    }

    public static string Text(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
}
