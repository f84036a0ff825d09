using System.Globalization;
using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Simulation;

/// <summary>
/// Drives a procedure through a scenario on a simulated clock with the real runner, playing the shell's part:
/// timers fire when the clock passes them, sub-procedures run as child instances.
/// </summary>
public sealed class Simulator(ProcedureRunner runner, Func<string, int?, ProcedureDefinition> loadDefinition)
{
    /// <summary>
    /// Runs scenario text against a definition, as the command line's <c>simulate</c> and the API do: an invalid
    /// definition is not run (<see cref="InvalidDefinitionException"/> with every error), and scenario text that cannot
    /// be read is refused naming the label and JSON path (<see cref="ScenarioException"/>).
    /// </summary>
    public ScriptRun RunScript(ProcedureDefinition definition, string definitionLabel, string scenarioJson, string scenarioLabel)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = Validation.ProcedureValidator.Validate(definition, definitionLabel);
        if (errors.Count > 0) throw new InvalidDefinitionException(errors);
        var scenario = Scenario.Parse(scenarioJson, scenarioLabel);
        return new ScriptRun(scenario, Run(definition, scenario));
    }

    /// <summary>Runs a scenario; never throws for a failing expectation, it reports it.</summary>
    public SimulationResult Run(ProcedureDefinition definition, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(scenario);
        var run = new SimulationRun(runner, loadDefinition, scenario.Start);
        var root = run.StartInstance(definition, "case", scenario.Input, parent: null);
        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            var step = scenario.Steps[i];
            var label = $"step {i + 1}";
            try
            {
                run.Step(root, step, label);
            }
            catch (ScenarioException ex)
            {
                run.Fail($"{label}: {ex.Message}");
            }
            if (step.Check is { } check) run.Verify(root, check, label);
        }
        run.Verify(root, scenario.Expect, "end");
        return new SimulationResult(run.Timeline, run.Failures, root.State);
    }

    private sealed class Instance(string label, ProcedureDefinition definition, InstanceState state, Instance? parent, string? childId)
    {
        public string Label { get; } = label;
        public ProcedureDefinition Definition { get; } = definition;
        public InstanceState State { get; set; } = state;
        public Instance? Parent { get; } = parent;
        public string? ChildId { get; } = childId;
        public List<string> Notices { get; } = [];
    }

    private sealed class SimulationRun(ProcedureRunner initialRunner, Func<string, int?, ProcedureDefinition> load, DateTimeOffset start)
    {
        // Replaced when a step publishes or corrects a year's calendar.
        private ProcedureRunner _runner = initialRunner;
        private readonly List<Instance> _instances = [];
        public DateTimeOffset Now { get; private set; } = start;
        public List<TimelineEntry> Timeline { get; } = [];
        public List<string> Failures { get; } = [];

        public void Fail(string message)
        {
            Failures.Add(message);
            Timeline.Add(new TimelineEntry(Now, "", "FAIL " + message));
        }

        public Instance StartInstance(ProcedureDefinition definition, string label, System.Text.Json.Nodes.JsonObject? input, (Instance Parent, string ChildId)? parent)
        {
            var instance = new Instance(label, definition, new InstanceState(), parent?.Parent, parent?.ChildId);
            _instances.Add(instance);
            Note(instance, $"start {definition.DefinitionId} v{definition.Version}");
            Apply(instance, new StartStimulus(label, input, Depth: parent is { } p ? p.Parent.State.Depth + 1 : 0), null, null);
            return instance;
        }

        public void Step(Instance root, ScenarioStep step, string label)
        {
            if (step.Complete is { } activityId)
            {
                var (instance, task) = FindOpenTask(activityId, step.Department);
                Apply(instance, new TaskCompletedStimulus(task.Id, step.Outcome ?? throw new ScenarioException("'outcome' is required with 'complete'"), step.Data, step.By), step.ExpectRejection, label);
            }
            else if (step.Event is { } name)
            {
                var target = _instances.LastOrDefault(i => i.State.Status == InstanceStatus.Running && i.State.Tokens.Any(t => t.Events.ContainsKey(name))) ?? root;
                Apply(target, new EventStimulus(name, step.Payload), step.ExpectRejection, label);
            }
            else if (step.Advance is { } advance)
            {
                var duration = Duration.TryParse(advance, out var error) ?? throw new ScenarioException(error!);
                var to = duration.IsWorkingDays
                    ? ChinaTime.StartOf(_runner.Calendar.AddWorkingDays(ChinaTime.DateOf(Now), duration.Amount).Value) + (Now.ToOffset(ChinaTime.Offset).TimeOfDay)
                    : duration.After(Now);
                AdvanceTo(to);
            }
            else if (step.AdvanceTo is { } instant)
            {
                if (instant < Now) throw new ScenarioException($"cannot go back in time to {ChinaTime.Format(instant)}");
                AdvanceTo(instant);
            }
            else if (step.Calendar is { } calendar)
            {
                CalendarYear year;
                try
                {
                    year = CalendarFiles.Parse(calendar.ToJsonString(), $"{label}.calendar");
                }
                catch (CalendarFileException ex)
                {
                    throw new ScenarioException(ex.Message);
                }
                ChangeCalendar(year, label);
            }
            else if (step.Check is null)
            {
                throw new ScenarioException("a step needs one of complete, event, advance, advanceTo, calendar or check");
            }
        }

        /// <summary>As the shell's calendar apply: every running instance is recounted; one that does not move is left as it is.</summary>
        private void ChangeCalendar(CalendarYear year, string label)
        {
            _runner = new ProcedureRunner(_runner.Calendar.With(year));
            Timeline.Add(new TimelineEntry(Now, "", $"calendar {year.Year} published or corrected"));
            foreach (var instance in _instances.Where(i => i.State.Status == InstanceStatus.Running).ToList())
                Apply(instance, new CalendarChangedStimulus($"calendar {year.Year}"), null, label, unchangedIsFine: true);
        }

        private (Instance, TaskRecord) FindOpenTask(string activityId, string? department)
        {
            foreach (var instance in _instances)
                if (instance.State.Tasks.Find(t => t.ActivityId == activityId && t.Status == HumanTaskStatus.Open && (department is null || t.Department == department)) is { } task)
                    return (instance, task);
            var open = _instances.SelectMany(i => i.State.Tasks.Where(t => t.Status == HumanTaskStatus.Open).Select(t => $"{t.ActivityId}@{t.Department}")).ToList();
            throw new ScenarioException($"no open task of activity '{activityId}'{(department is null ? "" : $" in department '{department}'")}; open tasks: {(open.Count == 0 ? "none" : string.Join(", ", open))}");
        }

        private void AdvanceTo(DateTimeOffset to)
        {
            while (true)
            {
                var next = _instances
                    .Where(i => i.State.Status == InstanceStatus.Running)
                    .SelectMany(i => i.State.Timers.Where(t => t.Status == TimerStatus.Pending && t.DueAt <= to).Select(t => (Instance: i, Timer: t)))
                    .OrderBy(x => x.Timer.DueAt)
                    .FirstOrDefault();
                if (next.Instance is null) break;
                Now = next.Timer.DueAt > Now ? next.Timer.DueAt : Now;
                Apply(next.Instance, new TimerFiredStimulus(next.Timer.Id), null, "timer");
            }
            Now = to;
        }

        private void Apply(Instance instance, Stimulus stimulus, string? expectRejection, string? label, bool unchangedIsFine = false)
        {
            // Only a state never started goes in as null: an ended one must reach the runner to be refused as ended
            // (instance-ended), not as never started.
            var result = _runner.Run(instance.Definition, instance.State.InstanceId.Length > 0 ? instance.State : null, stimulus, Now);
            if (result.Rejection is { Code: "calendar-unchanged" } && unchangedIsFine) return;
            if (result.Rejection is { } rejection)
            {
                Note(instance, $"REJECTED {rejection}");
                if (expectRejection != rejection.Code)
                    Fail($"{label}: {rejection}" + (expectRejection is null ? "" : $" (expected rejection '{expectRejection}')"));
                return;
            }
            if (expectRejection is not null) Fail($"{label}: expected rejection '{expectRejection}', but the step was applied");
            instance.State = result.State;
            foreach (var effect in result.Effects)
            {
                Note(instance, effect.Describe());
                switch (effect)
                {
                    case NoticeSent notice:
                        instance.Notices.Add(notice.NoticeType);
                        break;
                    case SubProcedureStarted started:
                        StartInstance(load(started.DefinitionId, started.Version), $"{instance.Label}/{started.ChildId}", started.Input, (instance, started.ChildId));
                        break;
                    case SubProcedureTerminated terminated:
                        if (_instances.Find(i => i.Parent == instance && i.ChildId == terminated.ChildId) is { State.Status: InstanceStatus.Running } child)
                            Apply(child, new TerminateStimulus(terminated.Reason), null, "sub-procedure");
                        break;
                    // A child its parent terminated has no parent waiting for its outcome.
                    case InstanceCompleted completed when instance.Parent is { } parent && stimulus is not TerminateStimulus:
                        Apply(parent, new SubProcedureFinishedStimulus(instance.ChildId!, completed.Outcome), null, "sub-procedure");
                        break;
                    case InstanceFaulted faulted when instance.Parent is { } parent:
                        Apply(parent, new SubProcedureFaultedStimulus(instance.ChildId!, faulted.ActivityId, faulted.Message), null, "sub-procedure");
                        break;
                }
            }
        }

        private void Note(Instance instance, string text) => Timeline.Add(new TimelineEntry(Now, instance.Label, text));

        public void Verify(Instance root, ScenarioExpectation expect, string label)
        {
            var state = root.State;
            void Check(bool ok, string what)
            {
                if (!ok) Fail($"{label}: {what}");
            }
            if (expect.Status is { } status) Check(string.Equals(status, state.Status.ToString(), StringComparison.OrdinalIgnoreCase), $"expected status {status}, got {state.Status.ToString().ToLowerInvariant()}" + (state.Fault is { } f ? $" ({f.ActivityId}: {f.Message})" : ""));
            if (expect.Outcome is { } outcome) Check(outcome == state.Outcome, $"expected outcome {outcome}, got {state.Outcome ?? "none"}");
            var open = _instances.SelectMany(i => i.State.Tasks.Where(t => t.Status == HumanTaskStatus.Open)).ToList();
            if (expect.OpenTasks is { } tasks)
                Check(tasks.Order(StringComparer.Ordinal).SequenceEqual(open.Select(t => t.ActivityId).Order(StringComparer.Ordinal)),
                    $"expected open tasks [{string.Join(", ", tasks)}], got [{string.Join(", ", open.Select(t => t.ActivityId))}]");
            foreach (var (activityId, due) in expect.TaskDue ?? new Dictionary<string, DateOnly>())
            {
                var task = open.Find(t => t.ActivityId == activityId);
                Check(task?.DueDate == due, $"expected task {activityId} due {Iso(due)}, got {(task?.DueDate is { } d ? Iso(d) : "no open task with a due date")}");
            }
            if (expect.ClockDue is { } clockDue)
                Check(state.Clock?.DueDate == clockDue, $"expected legal clock due {Iso(clockDue)}, got {(state.Clock?.DueDate is { } d ? Iso(d) : "none")}");
            if (expect.PromisedDue is { } promisedDue)
                Check(state.Clock?.PromisedDueDate == promisedDue, $"expected promised due {Iso(promisedDue)}, got {(state.Clock?.PromisedDueDate is { } p ? Iso(p) : "none")}");
            if (expect.ClockProvisional is { } provisional)
                Check(state.Clock?.Provisional == provisional, $"expected the clock's due dates {(provisional ? "" : "not ")}provisional");
            if (expect.OnTimeLegal is { } onTimeLegal)
                Check(state.Clock?.OnTimeLegal == onTimeLegal, $"expected onTimeLegal {onTimeLegal}, got {state.Clock?.OnTimeLegal?.ToString() ?? "none"}");
            if (expect.OnTimePromised is { } onTimePromised)
                Check(state.Clock?.OnTimePromised == onTimePromised, $"expected onTimePromised {onTimePromised}, got {state.Clock?.OnTimePromised?.ToString() ?? "none"}");
            if (expect.ClockStatus is { } clockStatus)
                Check(string.Equals(clockStatus, state.Clock?.Status.ToString(), StringComparison.OrdinalIgnoreCase), $"expected legal clock {clockStatus}, got {state.Clock?.Status.ToString().ToLowerInvariant() ?? "not started"}");
            foreach (var (name, day) in expect.Milestones ?? new Dictionary<string, DateOnly>())
                Check(state.Milestones.TryGetValue(name, out var reached) && reached == day,
                    $"expected milestone '{name}' on {Iso(day)}, got {(state.Milestones.TryGetValue(name, out var other) ? Iso(other) : "not reached")}");
            foreach (var (department, count) in expect.OpenTasksByDepartment ?? new Dictionary<string, int>())
            {
                var actual = open.Count(t => t.Department == department);
                Check(actual == count, $"expected {count} open task(s) in department '{department}', got {actual}");
            }
            foreach (var notice in expect.NoticesSent ?? [])
                Check(_instances.Any(i => i.Notices.Contains(notice)), $"expected notice '{notice}' to have been sent");
        }

        private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}

/// <summary>What a simulation did and found.</summary>
/// <param name="Timeline">Everything that happened, in order.</param>
/// <param name="Failures">Expectations not met and unexpected rejections; empty when the scenario passed.</param>
/// <param name="FinalState">The main instance's state at the end.</param>
public sealed record SimulationResult(IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<string> Failures, InstanceState FinalState)
{
    /// <summary>True when every expectation held.</summary>
    public bool Passed => Failures.Count == 0;
}

/// <summary>A scenario read from text and what running it gave.</summary>
public sealed record ScriptRun(Scenario Scenario, SimulationResult Result);

/// <summary>One line of a timeline.</summary>
/// <param name="At">Simulated time.</param>
/// <param name="Instance">Which instance (case, or case/child-N).</param>
/// <param name="Text">What happened.</param>
public sealed record TimelineEntry(DateTimeOffset At, string Instance, string Text)
{
    /// <inheritdoc/>
    public override string ToString() => $"{ChinaTime.Format(At)}  {Instance,-14} {Text}";
}
