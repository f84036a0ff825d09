using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Activities.Flow;

internal sealed class MilestoneActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "Milestone", "Flow",
        "Records a named, dated fact in the case's timeline (e.g. all-opinions-in); later expressions read its date as milestones['all-opinions-in'].",
        Inputs: [new("name", InputKind.Text, true, "The milestone's name, a slug such as all-opinions-in.")],
        Ports: [new("done", "Always.")],
        Outputs: [new("date", "The day it was reached (yyyy-MM-dd), in milestones[name].")]);

    internal override void Execute(ActivityContext context)
    {
        var name = context.RequiredText("name");
        // Reached again (a loop back), the milestone keeps the latest day: the fact as it now stands.
        context.State.Milestones[name] = context.Today;
        context.Emit(new MilestoneReached(name, context.Today, context.Activity.Id));
        context.Continue("done");
    }

    internal override IEnumerable<InputProblem> Check(ActivityDefinition activity, ProcedureDefinition definition)
    {
        // A literal name, so milestones['...'] in expressions and the timeline name the same fact.
        if (activity.Text("name") is { } name && !ProcedureValidator.IsSlug(name))
            yield return new("name", "invalid-name", $"'{Quoted.Of(name)}' is not a milestone name: a lower-case slug such as all-opinions-in");
    }
}
