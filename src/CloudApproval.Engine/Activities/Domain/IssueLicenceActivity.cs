using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Activities.Domain;

internal sealed class IssueLicenceActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "IssueLicence", "Approval", "Issues the e-licence (电子证照), sealed with the department's e-seal (art. 44: within 10 working days of the decision).",
        Inputs:
        [
            new("licenceType", InputKind.Text, true, "Licence catalogue type."),
            new("validity", InputKind.CalendarPeriod, true,
                "Validity from today in calendar years, months or days, e.g. 5y (to the day before the anniversary), 6mo, 1825d."),
            new("template", InputKind.Text, false, "Licence template."),
        ],
        Ports: [new("done", "Always.")],
        Outputs: [new("licence", "The issued licence (number assigned by the shell).")]);

    internal override void Execute(ActivityContext context)
    {
        // The unit and the amount are checked where every duration is read (a CalendarPeriod input, at least one unit).
        var validity = context.Duration("validity") ?? throw context.Fault("input 'validity' is required");
        var until = validity.LastDayFrom(context.Today);
        context.Emit(new LicenceIssued(context.RequiredText("licenceType"), context.Today, until, context.Activity.Id));
        context.Continue("done");
    }
}
