namespace CloudApproval.Engine.Activities;

/// <summary>An activity type: its declaration and what it does when the flow enters it.</summary>
public abstract class ActivityType
{
    /// <summary>Inputs, outputs and ports.</summary>
    public abstract ActivityDescriptor Descriptor { get; }

    /// <summary>Runs the activity: leave by a port, or park the token with what it waits for.</summary>
    internal abstract void Execute(ActivityContext context);
}
