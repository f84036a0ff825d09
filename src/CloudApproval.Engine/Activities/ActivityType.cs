using System.Text.Json.Nodes;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;

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

    /// <summary>
    /// Checks a completion of one of this activity's tasks beyond its form (e.g. a signature must name the minutes it
    /// signs); a problem refuses the completion and changes nothing.
    /// </summary>
    internal virtual string? CheckCompletion(Token token, TaskRecord task, string outcome, JsonObject? data) => null;

    /// <summary>
    /// One of this activity's tasks was completed (by a person or by its deadline's default outcome). Return false to
    /// leave by the port named like the outcome, the task's data saved in <c>saveAs</c> (the usual case); true when the
    /// activity moved on itself: it parked the token for its next step or left by a port with <see cref="ActivityContext.Leave"/>.
    /// </summary>
    internal virtual bool TaskFinished(ActivityContext context, TaskRecord task) => false;
}

/// <summary>A problem with one input of an activity, found by <see cref="ActivityType.Check"/>.</summary>
/// <param name="Input">The input's name.</param>
/// <param name="Code">Stable kind, e.g. <c>wrong-activity</c>.</param>
/// <param name="Message">What is wrong.</param>
internal sealed record InputProblem(string Input, string Code, string Message);
