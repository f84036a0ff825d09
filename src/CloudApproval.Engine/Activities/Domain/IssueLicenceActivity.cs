using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Activities.Domain;

internal sealed class IssueLicenceActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "IssueLicence", "Approval", "Issues the e-licence (电子证照), sealed with the department's e-seal (art. 44: within 10 working days of the decision).",
        Inputs:
        [
            new("licenceType", InputKind.Text, true, "Licence catalogue type."),
            new("validity", InputKind.CalendarDays, true, "Validity from today, e.g. 1825d."),
            new("template", InputKind.Text, false, "Licence template."),
        ],
        Ports: [new("done", "Always.")],
        Outputs: [new("licence", "The issued licence (number assigned by the shell).")]);

    internal override void Execute(ActivityContext context)
    {
        var validity = context.Duration("validity") ?? throw context.Fault("input 'validity' is required");
        var until = ChinaTime.DateOf(context.EndAfter(validity).At).AddDays(-1);
        context.Emit(new LicenceIssued(context.RequiredText("licenceType"), context.Today, until, context.Activity.Id));
        context.Continue("done");
    }
}
