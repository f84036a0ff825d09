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
        var validity = context.Duration("validity") ?? throw context.Fault("input 'validity' is required");
        if (validity.Unit is not (DurationUnit.Years or DurationUnit.Months or DurationUnit.Days) || validity.Amount == 0)
            throw context.Fault($"input 'validity': {validity} is not a validity; write whole years, months or days, e.g. 5y");
        var until = validity.LastDayFrom(context.Today);
        context.Emit(new LicenceIssued(context.RequiredText("licenceType"), context.Today, until, context.Activity.Id));
        context.Continue("done");
    }
}
