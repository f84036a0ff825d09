namespace CloudApproval.Engine.Activities.Domain;

internal sealed class SignCommitmentActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "SignCommitment", "Approval",
        "告知承诺: tells the applicant in writing the conditions, the proof waived and the liability for a false commitment, then waits for the signed commitment letter.",
        Inputs:
        [
            new("template", InputKind.Text, true, "Template of the written notification (告知书)."),
            new("deadline", InputKind.Duration, false, "Leave by 'expired' if not signed by then."),
            new("saveAs", InputKind.ObjectVariableRef, false, "Variable that receives the signature details."),
        ],
        Ports:
        [
            new("signed", "The applicant signed (event commitment-signed)."),
            new("declined", "The applicant chose the ordinary procedure (event commitment-declined)."),
            new("expired", "Not signed by the deadline.", WhenInput: "deadline"),
        ],
        Outputs: [new("signature", "Signature details, stored in 'saveAs'.")]);

    internal override void Execute(ActivityContext context)
    {
        context.Notice("commitment-notification", context.RequiredText("template"), "applicant");
        context.WaitForEvents(("commitment-signed", "signed"), ("commitment-declined", "declined"));
    }
}
