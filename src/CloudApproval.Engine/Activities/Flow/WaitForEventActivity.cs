using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Activities.Flow;

internal sealed class WaitForEventActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "WaitForEvent", "Flow",
        "Waits for a named external signal (materials supplemented, applicant confirmed). With a deadline, the two race: the first wins and cancels the other.",
        Inputs:
        [
            new("event", InputKind.Text, true, "Event name, e.g. materials-supplemented."),
            new("sentBy", InputKind.Choice, false,
                "Who may send it: the applicant (materials, a signed commitment) or staff (an expert's opinion entered by a clerk). Anyone who may act on the case when absent.",
                EventSenders.All),
            new("deadline", InputKind.Duration, false, "Leave by 'expired' if the event has not come by then."),
            new("reminderBefore", InputKind.WorkingDays, false, "Remind the applicant this many working days before the deadline."),
            new("reminderTemplate", InputKind.Text, false, "Notice template of the reminder."),
            new("saveAs", InputKind.ObjectVariableRef, false, "Variable that receives the event payload."),
        ],
        Ports: [new("received", "The event came."), new("expired", "The deadline passed first.", WhenInput: "deadline")],
        Outputs: [new("payload", "The event payload, stored in 'saveAs'.")]);

    internal override void Execute(ActivityContext context) => context.WaitForEvents((context.RequiredText("event"), "received"));
}
