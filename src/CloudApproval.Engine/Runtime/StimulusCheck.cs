using System.Text.Json.Nodes;

namespace CloudApproval.Engine.Runtime;

/// <summary>
/// What every stimulus must carry before the runner looks at the instance: its ids and names, and values that are
/// plain JSON. Stimuli are records anyone can build in code with nulls; the runner rejects them rather than fault.
/// </summary>
internal static class StimulusCheck
{
    public static Rejection? Problem(Stimulus stimulus) => stimulus switch
    {
        StartStimulus s => Required(s.InstanceId, "instance id") ?? Depth(s.Depth) ?? Value(s.Input, "input"),
        TaskCompletedStimulus s => Required(s.TaskId, "task id") ?? Required(s.Outcome, "outcome") ?? Value(s.Data, "data"),
        EventStimulus s => Required(s.Name, "event name") ?? Value(s.Payload, "payload"),
        TimerFiredStimulus s => Required(s.TimerId, "timer id"),
        SubProcedureFinishedStimulus s => Required(s.ChildId, "sub-procedure id") ?? Required(s.Outcome, "outcome"),
        SubProcedureFaultedStimulus s => Required(s.ChildId, "sub-procedure id") ?? Required(s.ActivityId, "activity id") ?? Required(s.Message, "message"),
        TerminateStimulus s => Required(s.Reason, "reason"),
        _ => null,
    };

    private static Rejection? Depth(int depth) => depth is < 0 or > ProcedureRunner.MaxNestingDepth
        ? new Rejection("invalid-input", $"nesting depth {depth} is outside 0..{ProcedureRunner.MaxNestingDepth}")
        : null;

    private static Rejection? Required(string? text, string what) =>
        string.IsNullOrWhiteSpace(text) ? new Rejection("invalid-input", $"{what} is required") : null;

    private static Rejection? Value(JsonObject? value, string path) =>
        PlainJson.Problem(value, path) is { } problem ? new Rejection("invalid-value", problem) : null;
}
