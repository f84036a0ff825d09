namespace CloudApproval.Engine.Activities.Flow;

internal sealed class EndActivity : ActivityType
{
    /// <summary>Final outcomes of a case, as reported to the applicant and counted in efficiency statistics.</summary>
    public static readonly IReadOnlyList<string> Outcomes =
        ["approved", "rejected", "terminated", "withdrawn", "returned", "revoked", "completed"];

    public override ActivityDescriptor Descriptor { get; } = new(
        "End", "Flow", "Ends the instance with a final outcome; open tasks and timers of every branch are cancelled.",
        Inputs: [new("outcome", InputKind.Choice, true, "The final outcome.", Outcomes)],
        Ports: [],
        Outputs: [new("outcome", "The instance's final outcome.")]);

    internal override void Execute(ActivityContext context) => context.CompleteInstance(context.RequiredText("outcome"));
}
