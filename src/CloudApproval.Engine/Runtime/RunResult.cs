namespace CloudApproval.Engine.Runtime;

/// <summary>The outcome of one run: the new state and the effects to carry out, or a rejection that changed nothing.</summary>
/// <param name="State">The new state; the original one when rejected.</param>
/// <param name="Effects">What the shell must do, in order; empty when rejected.</param>
/// <param name="Rejection">Why the stimulus was refused, or null when it was applied.</param>
public sealed record RunResult(InstanceState State, IReadOnlyList<Effect> Effects, Rejection? Rejection)
{
    /// <summary>True when the stimulus was applied.</summary>
    public bool Accepted => Rejection is null;
}

/// <summary>Why a stimulus does not fit the instance.</summary>
/// <param name="Code">Stable kind, e.g. <c>task-not-open</c>.</param>
/// <param name="Message">For people.</param>
public sealed record Rejection(string Code, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Message} [{Code}]";
}
