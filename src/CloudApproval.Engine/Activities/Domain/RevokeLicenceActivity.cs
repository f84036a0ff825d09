using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Activities.Domain;

internal sealed class RevokeLicenceActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "RevokeLicence", "Approval", "Revokes the case's licence (false commitment, fraud: arts. 78-79) and records the reason.",
        Inputs: [new("reason", InputKind.Text, true, "Legal reason for the revocation.")],
        Ports: [new("done", "Always.")],
        Outputs: []);

    internal override void Execute(ActivityContext context)
    {
        context.Emit(new LicenceRevoked(context.RequiredText("reason"), context.Activity.Id));
        context.Continue("done");
    }
}
