using System.Text.Json.Nodes;

namespace CloudApproval.Engine.Activities.Domain;

internal sealed class RequestCorrectionActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "RequestCorrection", "Approval",
        "补正 (art. 32): one notice listing every correction, then waits for the applicant's corrected materials.",
        Inputs:
        [
            new("template", InputKind.Text, true, "Template of the correction notice."),
            new("items", InputKind.Expression, false, "Expression giving the full list of corrections (one-time notice)."),
            new("deadline", InputKind.Duration, false, "Leave by 'expired' if no correction arrives by then."),
            new("reminderBefore", InputKind.WorkingDays, false, "Remind the applicant this many working days before the deadline."),
            new("reminderTemplate", InputKind.Text, false, "Notice template of the reminder."),
            new("saveAs", InputKind.ObjectVariableRef, false, "Variable that receives the corrected materials."),
        ],
        Ports:
        [
            new("corrected", "The applicant submitted the corrections (event correction-submitted)."),
            new("expired", "No correction by the deadline.", WhenInput: "deadline"),
        ],
        Outputs: [new("materials", "The corrected materials, stored in 'saveAs'.")]);

    internal override void Execute(ActivityContext context)
    {
        var items = context.Evaluate("items");
        context.Notice("correction-request", context.RequiredText("template"), "applicant", new JsonObject { ["items"] = items });
        context.WaitForEvents(("correction-submitted", "corrected"));
    }
}
