using CloudApproval.Engine.Definitions;

namespace CloudApproval.Engine.Activities;

/// <summary>An activity type: its declaration and what it does when the flow enters it.</summary>
public abstract class ActivityType
{
    /// <summary>Inputs, outputs and ports.</summary>
    public abstract ActivityDescriptor Descriptor { get; }

    /// <summary>Runs the activity: leave by a port, or park the token with what it waits for.</summary>
    internal abstract void Execute(ActivityContext context);

    /// <summary>
    /// Rules that involve several inputs or other activities of the procedure (each input's own rule comes from the
    /// descriptor). Called by the validator after the inputs' own checks.
    /// </summary>
    internal virtual IEnumerable<InputProblem> Check(ActivityDefinition activity, ProcedureDefinition definition) => [];
}

/// <summary>A problem with one input of an activity, found by <see cref="ActivityType.Check"/>.</summary>
/// <param name="Input">The input's name.</param>
/// <param name="Code">Stable kind, e.g. <c>wrong-activity</c>.</param>
/// <param name="Message">What is wrong.</param>
internal sealed record InputProblem(string Input, string Code, string Message);
