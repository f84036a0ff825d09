using System.Globalization;
using System.Text.Json.Nodes;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Activities.Domain;

internal sealed class ScheduleRemoteSessionActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "ScheduleRemoteSession", "Approval",
        "Schedules a video session (remote survey, online hearing, joint review), notifies the participants now, and waits until it begins.",
        Inputs:
        [
            new("kind", InputKind.Choice, true, "What the session is.", ["survey", "hearing", "joint-review", "video-verification"]),
            new("noticeAhead", InputKind.Duration, true, "How far ahead the participants are notified, e.g. 7wd (hearings: at least 7 days)."),
            new("recipients", InputKind.Text, true, "Who is notified: applicant, parties, department."),
            new("template", InputKind.Text, true, "Template of the session notice."),
        ],
        Ports: [new("started", "The session time has come.")],
        Outputs: [new("session", "The scheduled session (time, kind).")]);

    internal override void Execute(ActivityContext context)
    {
        var ahead = context.Duration("noticeAhead") ?? throw context.Fault("input 'noticeAhead' is required");
        var kind = context.RequiredText("kind");
        var recipients = context.RequiredText("recipients");
        // The session time is told to the participants: a later calendar change must not move it, so no rule is kept.
        var session = context.StartAfter(ahead) with { Rule = null };
        var at = session.At;
        context.Emit(new RemoteSessionScheduled(kind, at, recipients, context.Activity.Id));
        context.Notice($"{kind}-notice", context.RequiredText("template"), recipients,
            new JsonObject { ["at"] = at.ToString("O", CultureInfo.InvariantCulture), ["kind"] = kind });
        context.ScheduleTimer(TimerPurpose.Wait, session, "started");
        context.Park();
    }
}
