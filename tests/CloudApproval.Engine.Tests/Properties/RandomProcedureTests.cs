using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Properties;

/// <summary>
/// Property-based test of the runner (issue #15): random valid procedures, random stimulus sequences (allowed and
/// disallowed outcomes, wrong events, bogus and early timers, repeated stimuli, values JSON cannot hold, time moving
/// forward and backward across 2026 into 2027), and after every step the runner's promises. Fixed seeds; a failure
/// prints the definition and the shortest sequence of stimuli found that still breaks the promise.
/// </summary>
public sealed class RandomProcedureTests
{
    // CLOUDAPPROVAL_PROPERTY_SCALE=10 runs ten times as many procedures (same seeds, then more).
    private static readonly int Scale = int.TryParse(Environment.GetEnvironmentVariable("CLOUDAPPROVAL_PROPERTY_SCALE"), out var s) && s > 0 ? s : 1;
    private const int Procedures = 150;
    private const int SequencesPerProcedure = 4;
    private const int MaxSteps = 30;

    // Faults that depend on the order stimuli came in, not on the definition's structure.
    private static readonly string[] AllowedFaults = ["the legal clock", "more than 10000 steps"];

    private sealed record Step(Stimulus Stimulus, DateTimeOffset Now);

    [Test]
    public void RandomProceduresAndStimuli_KeepEveryPromiseOfTheRunner()
    {
        var clock = Stopwatch.StartNew();
        var (sequences, steps) = (0, 0);
        var outcomes = new Dictionary<string, int>();
        for (var seed = 1; seed <= Procedures * Scale; seed++)
        {
            var text = new ProcedureGenerator(new Random(seed)).Generate($"random-{seed}");
            var errors = ProcedureValidator.Validate(text, $"seed {seed}");
            Assert.That(errors, Is.Empty, $"the generator made an invalid procedure (seed {seed}):\n{string.Join("\n", errors)}\n{text}");
            var definition = DefinitionReader.Read(text, $"seed {seed}");
            for (var run = 0; run < SequencesPerProcedure; run++)
            {
                var random = new Random(seed * 1000 + run);
                var played = new List<Step>();
                var violation = Play(definition, random, played, outcomes);
                sequences++;
                steps += played.Count;
                if (violation is not null) Assert.Fail(Repro(text, definition, played, violation, seed, run));
            }
        }
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Procedures * Scale} procedures, {sequences} sequences, {steps} steps (each run twice) in {clock.Elapsed.TotalSeconds:F1} s"));
        TestContext.Out.WriteLine(string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}")));
    }

    /// <summary>Plays a random sequence, recording it; returns the first broken promise, or null.</summary>
    private static string? Play(ProcedureDefinition definition, Random random, List<Step> played, Dictionary<string, int> outcomes)
    {
        var now = new DateTimeOffset(2026, 1, 1, 9, 0, 0, China.Offset).AddHours(random.Next(0, 365 * 24));
        var ledger = new Ledger();
        InstanceState? state = null;
        var stimulus = (Stimulus)new StartStimulus("case-1", random.Next(4) == 0 ? new JsonObject { ["count"] = 2, ["note"] = "标题" } : null, "tester");
        for (var i = 0; i < MaxSteps; i++)
        {
            played.Add(new Step(stimulus, now));
            var violation = Check(definition, state, stimulus, now, ledger, out var result);
            if (violation is not null) return violation;
            var outcome = result!.Rejection?.Code ?? (result.State.Status == InstanceStatus.Running ? "accepted" : "accepted, ended " + result.State.Status.ToString().ToLowerInvariant());
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            if (result.Accepted) state = result.State;
            if (state!.Status != InstanceStatus.Running && random.Next(3) == 0) break;
            (stimulus, now) = NextStimulus(state, random, now);
        }
        return ledger.EffectsChanged();
    }

    /// <summary>One step, run twice, and every promise checked.</summary>
    private static string? Check(ProcedureDefinition definition, InstanceState? state, Stimulus stimulus, DateTimeOffset now, Ledger ledger, out RunResult? result)
    {
        result = null;
        var before = state?.ToJson();
        RunResult again;
        try
        {
            result = Driver.Runner.Run(definition, state, stimulus, now);
            again = Driver.Runner.Run(definition, state, stimulus, now);
        }
        catch (Exception ex)
        {
            return $"an exception escaped Run: {ex}";
        }
        if (state?.ToJson() != before) return "Run modified the state it was given";
        if (Describe(result) != Describe(again)) return $"the same inputs gave different results:\n{Describe(result)}\n---\n{Describe(again)}";
        if (!result.Accepted)
        {
            if (result.Effects.Count > 0) return $"a rejected stimulus ({result.Rejection}) has effects";
            return result.State.ToJson() == (before ?? new InstanceState().ToJson()) ? null : $"a rejected stimulus ({result.Rejection}) changed the state";
        }
        var json = result.State.ToJson();
        if (InstanceState.FromJson(json).ToJson() != json) return "the state does not round-trip byte for byte through ToJson/FromJson";
        if (result.State.Status == InstanceStatus.Faulted && state?.Status != InstanceStatus.Faulted
            && !AllowedFaults.Any(result.State.Fault!.Message.Contains))
            return $"a validated definition faulted: {result.State.Fault}";
        return ledger.Apply(result);
    }

    private static string Describe(RunResult result) =>
        $"{result.Rejection}\n{result.State.ToJson()}\n{JsonSerializer.Serialize(result.Effects, EngineJson.Options)}";

    /// <summary>A stimulus that fits the instance most of the time, and one that does not often enough to matter.</summary>
    private static (Stimulus, DateTimeOffset) NextStimulus(InstanceState state, Random random, DateTimeOffset now)
    {
        // Mostly forward (hours to days), sometimes back a little (two nodes' clocks, a replayed stimulus).
        now = random.Next(10) == 0 ? now.AddMinutes(-random.Next(1, 12 * 60)) : now.AddMinutes(random.Next(0, 3 * 24 * 60));
        var open = state.Tasks.Where(t => t.Status == HumanTaskStatus.Open).ToList();
        var pending = state.Timers.Where(t => t.Status == TimerStatus.Pending).ToList();
        var events = state.Tokens.SelectMany(t => t.Events.Keys).ToList();
        var children = state.Children.Where(c => c.Outcome is null).ToList();
        var roll = random.Next(100);
        T Any<T>(List<T> items) => items[random.Next(items.Count)];
        if (roll < 35 && open.Count > 0)
        {
            var task = Any(open);
            var outcome = random.Next(6) == 0 ? "nope" : Any(task.Outcomes);
            JsonObject? data = task.Form.Count == 0 ? null : random.Next(5) == 0 ? new JsonObject { ["risk"] = 5 } : new JsonObject { ["risk"] = "low" };
            return (new TaskCompletedStimulus(task.Id, outcome, data, "clerk"), now);
        }
        if (roll < 55 && pending.Count > 0)
        {
            var timer = Any(pending);
            // Mostly when due (jumping the clock there), sometimes early.
            return (new TimerFiredStimulus(timer.Id), random.Next(5) == 0 || now > timer.DueAt ? now : timer.DueAt);
        }
        if (roll < 72)
        {
            var name = events.Count > 0 && random.Next(4) > 0 ? Any(events) : Any([.. ProcedureGenerator.Events, "unknown-event"]);
            JsonObject? payload = random.Next(8) switch
            {
                0 => new JsonObject { ["amount"] = double.NaN },
                1 => new JsonObject { ["note"] = "\ud800" },
                2 => null,
                _ => new JsonObject { ["amount"] = 120, ["by"] = "申请人" },
            };
            return (new EventStimulus(random.Next(20) == 0 ? null! : name, payload), now);
        }
        if (roll < 80 && children.Count > 0)
            return (new SubProcedureFinishedStimulus(Any(children).Id, Any([.. ProcedureGenerator.ChildOutcomes, "objected"])), now);
        if (roll < 92)
        {
            // Stale or bogus: a closed task, a fired or cancelled timer, ids that never existed.
            var closed = state.Tasks.Where(t => t.Status != HumanTaskStatus.Open).ToList();
            var done = state.Timers.Where(t => t.Status != TimerStatus.Pending).ToList();
            return random.Next(4) switch
            {
                0 when closed.Count > 0 => (new TaskCompletedStimulus(Any(closed).Id, "ok"), now),
                1 when done.Count > 0 => (new TimerFiredStimulus(Any(done).Id), now),
                2 => (new SubProcedureFinishedStimulus("child-99", "done"), now),
                _ => (new TaskCompletedStimulus("task-999", "ok"), now),
            };
        }
        if (roll < 96) return (new StartStimulus("case-1"), now);
        return (new TerminateStimulus("the parent procedure ended"), now);
    }

    /// <summary>Tasks, timers and children created, closed and ended exactly once, and effects that never change afterwards.</summary>
    private sealed class Ledger
    {
        private readonly HashSet<string> _openTasks = [], _closedTasks = [], _pendingTimers = [], _doneTimers = [], _running = [], _ended = [];
        private readonly List<(IReadOnlyList<Effect> Effects, string Json)> _emitted = [];

        public string? Apply(RunResult result)
        {
            string json;
            try
            {
                json = JsonSerializer.Serialize(result.Effects, EngineJson.Options);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
            {
                return $"the effects cannot be written as JSON: {ex.Message}";
            }
            _emitted.Add((result.Effects, json));
            foreach (var effect in result.Effects)
            {
                var problem = effect switch
                {
                    TaskCreated { Task.Status: not HumanTaskStatus.Open } e => $"TaskCreated shows task {e.Task.Id} {e.Task.Status}: effects must be snapshots",
                    TaskCreated e => Once(_openTasks, _closedTasks, e.Task.Id, "task created"),
                    TaskCompleted e => Move(_openTasks, _closedTasks, e.TaskId, "task completed"),
                    TaskCancelled e => Move(_openTasks, _closedTasks, e.TaskId, "task cancelled"),
                    TimerScheduled e => Once(_pendingTimers, _doneTimers, e.TimerId, "timer scheduled"),
                    TimerFired e => Move(_pendingTimers, _doneTimers, e.TimerId, "timer fired"),
                    TimerCancelled e => Move(_pendingTimers, _doneTimers, e.TimerId, "timer cancelled"),
                    SubProcedureStarted e => Once(_running, _ended, e.ChildId, "sub-procedure started"),
                    SubProcedureTerminated e => Move(_running, _ended, e.ChildId, "sub-procedure terminated"),
                    _ => null,
                };
                if (problem is not null) return problem;
            }
            var state = result.State;
            foreach (var child in state.Children.Where(c => c.Outcome is not null)) { _running.Remove(child.Id); _ended.Add(child.Id); }
            if (!_openTasks.SetEquals(state.Tasks.Where(t => t.Status == HumanTaskStatus.Open).Select(t => t.Id)))
                return "the open tasks in the state differ from those the effects created and closed";
            if (!_pendingTimers.SetEquals(state.Timers.Where(t => t.Status == TimerStatus.Pending).Select(t => t.Id)))
                return "the pending timers in the state differ from those the effects scheduled and ended";
            if (state.Status != InstanceStatus.Running && (_openTasks.Count > 0 || _pendingTimers.Count > 0 || _running.Count > 0 || state.Tokens.Count > 0))
                return "an ended instance still has open tasks, pending timers, running sub-procedures or waiting tokens";
            return null;
        }

        public string? EffectsChanged() =>
            _emitted.FirstOrDefault(e => JsonSerializer.Serialize(e.Effects, EngineJson.Options) != e.Json) is { Json: { } changed }
                ? $"an effect changed after it was emitted (effects are snapshots): {changed}"
                : null;

        private static string? Once(HashSet<string> open, HashSet<string> closed, string id, string what) =>
            closed.Contains(id) || !open.Add(id) ? $"{what} twice: {id}" : null;

        private static string? Move(HashSet<string> open, HashSet<string> closed, string id, string what)
        {
            if (!open.Remove(id)) return $"{what}, but {id} was not open";
            closed.Add(id);
            return null;
        }
    }

    /// <summary>The definition and the shortest sequence found (dropping stimuli one at a time) that still breaks a promise.</summary>
    private static string Repro(string text, ProcedureDefinition definition, List<Step> played, string violation, int seed, int run)
    {
        var steps = played.ToList();
        for (var i = steps.Count - 2; i >= 0; i--)
        {
            var shorter = steps.Where((_, j) => j != i).ToList();
            if (Replay(definition, shorter) is not null) steps = shorter;
        }
        var shrunk = Replay(definition, steps) ?? violation;
        var repro = new StringBuilder($"seed {seed}, sequence {run}: {shrunk}\n\ndefinition:\n{text}\n\nstimuli ({steps.Count} of {played.Count}):\n");
        foreach (var step in steps) repro.AppendLine($"  {ChinaTime.Format(step.Now)}  {Show(step.Stimulus)}");
        return repro.ToString();
    }

    private static string? Replay(ProcedureDefinition definition, List<Step> steps)
    {
        var ledger = new Ledger();
        InstanceState? state = null;
        foreach (var step in steps)
        {
            if (Check(definition, state, step.Stimulus, step.Now, ledger, out var result) is { } violation) return violation;
            if (result!.Accepted) state = result.State;
        }
        return ledger.EffectsChanged();
    }

    private static string Show(Stimulus stimulus)
    {
        try
        {
            return JsonSerializer.Serialize(stimulus, EngineJson.Options);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or JsonException)
        {
            return stimulus.ToString();
        }
    }
}
