namespace CloudApproval.Engine.Activities.Flow;

internal sealed class SendNoticeActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "SendNotice", "Flow", "Sends a sealed notice (acceptance, decision, supplement list, ...) by electronic service.",
        Inputs:
        [
            new("noticeType", InputKind.Text, true, "Kind of notice, e.g. acceptance, decision, supplement-list."),
            new("template", InputKind.Text, true, "Template key."),
            new("recipient", InputKind.Text, true, "applicant, parties, department, or a department slug."),
            new("data", InputKind.Expression, false, "Expression giving the template data."),
        ],
        Ports: [new("done", "Always.")],
        Outputs: []);

    internal override void Execute(ActivityContext context)
    {
        context.Notice(context.RequiredText("noticeType"), context.RequiredText("template"), context.RequiredText("recipient"), context.Evaluate("data"));
        context.Continue("done");
    }
}
