using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Expressions;

namespace CloudApproval.Engine.Runtime;

/// <summary>
/// The functional core: <c>run(definition, state, stimulus, now) -&gt; (state', effects)</c>. Deterministic, no I/O;
/// the given state is never modified. A stimulus that does not fit is rejected with a reason; an error in the
/// definition (an expression that throws, a port left unconnected) faults the instance. No exception escapes.
/// </summary>
public sealed class ProcedureRunner
{
    /// <summary>
    /// Sub-procedures nest at most this deep. Real procedures nest one or two levels (a joint review inside a case); a
    /// deeper chain is a procedure that calls itself, which would otherwise start cases until the shell's stack ends.
    /// </summary>
    public const int MaxNestingDepth = 8;

    private readonly WorkingCalendar _calendar;
    private readonly ExpressionEvaluator _expressions;

    /// <summary>Creates a runner over a calendar; expressions are prepared once and shared.</summary>
    public ProcedureRunner(WorkingCalendar calendar, ExpressionEvaluator? expressions = null)
    {
        _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        _expressions = expressions ?? new ExpressionEvaluator();
    }

    /// <summary>The calendar deadlines are computed on.</summary>
    public WorkingCalendar Calendar => _calendar;

    /// <summary>Applies one stimulus. <paramref name="state"/> is null only for a <see cref="StartStimulus"/>.</summary>
    public RunResult Run(ProcedureDefinition definition, InstanceState? state, Stimulus stimulus, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(stimulus);
        var original = state ?? new InstanceState();
        RunContext? run = null;
        try
        {
            var rejection = StimulusCheck.Problem(stimulus) ?? Precheck(definition, state, stimulus);
            if (rejection is not null) return new RunResult(original, [], rejection);
            // Time never moves backwards inside an instance (two nodes' clocks differ slightly; a replayed stimulus): a
            // stimulus stamped before the last step runs at the last step's time, so suspensions stay ordered and disjoint.
            if (state?.LastStepAt is { } last && last > now) now = last;
            run = new RunContext(definition, state?.Clone() ?? new InstanceState(), now, _calendar, _expressions);
            rejection = run.Apply(stimulus);
            if (rejection is not null) return new RunResult(original, [], rejection);
            run.Drain();
        }
        catch (ActivityFaultException ex)
        {
            run!.Fault(ex.ActivityId, ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // No copy of the state could be made: the stored state itself is broken, and nothing was run on it.
            if (run is null) return new RunResult(original, [], new Rejection("invalid-state", $"the instance state cannot be read: {ex.Message}"));
            // A bug of ours or a definition the validator should have refused: fault the instance rather than
            // leave the caller with an exception and a half-applied state.
            run.Fault(run.CurrentActivityId ?? "(runner)", ex.Message);
        }
        return new RunResult(run.State, run.Effects, null);
    }

    private static Rejection? Precheck(ProcedureDefinition definition, InstanceState? state, Stimulus stimulus)
    {
        if (stimulus is StartStimulus)
            return state is null ? null : new Rejection("already-started", $"instance {state.InstanceId} has already started");
        if (state is null) return new Rejection("not-started", "the instance has not started");
        if (state.DefinitionId != definition.DefinitionId || state.Version != definition.Version)
            return new Rejection("wrong-definition",
                $"instance {state.InstanceId} runs {state.DefinitionId} v{state.Version}, not {definition.DefinitionId} v{definition.Version}");
        if (state.Status != InstanceStatus.Running)
            return new Rejection("instance-ended", $"instance {state.InstanceId} is {state.Status.ToString().ToLowerInvariant()}");
        if ((PlainJson.Problem(state.Input, "input") ?? PlainJson.Problem(state.Variables, "vars")) is { } problem)
            return new Rejection("invalid-state", $"instance {state.InstanceId} holds a value JSON cannot: {problem}");
        return null;
    }
}

/// <summary>An error in the definition met while running; faults the instance.</summary>
internal sealed class ActivityFaultException(string activityId, string message) : Exception(message)
{
    public string ActivityId { get; } = activityId;
}
