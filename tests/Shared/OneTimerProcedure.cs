namespace CloudApproval.Tests.Shared;

/// <summary>
/// The smallest procedure with a case timer: Start, a Timer of the <c>delay</c> it is started with, End. The tests and
/// the bench that count timers (fired once, none lost, lateness) start many cases of it.
/// </summary>
internal static class OneTimerProcedure
{
    public static string Json(string definitionId, string name, string department, string defaultDelay) => $$"""
        {
          "definitionId": "{{definitionId}}",
          "version": 1,
          "name": "{{name}}",
          "description": "Waits the delay it is started with, then ends: one case timer per case.",
          "variables": [
            { "name": "department", "type": "text", "default": "{{department}}" },
            { "name": "delay", "type": "duration", "default": "{{defaultDelay}}" }
          ],
          "activities": [
            { "id": "start", "type": "Start", "displayName": "Start", "inputs": {} },
            { "id": "wait", "type": "Timer", "displayName": "Wait", "inputs": { "duration": "$delay" } },
            { "id": "end", "type": "End", "displayName": "End", "inputs": { "outcome": "completed" } }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "wait" },
            { "source": "wait", "outcome": "done", "target": "end" }
          ]
        }
        """;
}
