using System.Text.Json.Nodes;

namespace CloudApproval.Cases.Tests.Hardening;

/// <summary>
/// A valid procedure whose expressions throw on input it does not get: it faults at start without <c>kind</c>, at the
/// completion of its task without <c>later</c>, and on its event without <c>other</c>.
/// </summary>
internal static class FaultingProcedure
{
    public const string Id = "faulting";

    public static JsonObject Definition() => JsonNode.Parse("""
        {
          "definitionId": "faulting",
          "version": 1,
          "name": "Faults on missing input (test procedure)",
          "variables": [{ "name": "x", "type": "json" }],
          "activities": [
            { "id": "start", "type": "Start", "inputs": {} },
            { "id": "first", "type": "SetVariable", "inputs": { "variable": "x", "value": "input.kind.length" } },
            { "id": "fork", "type": "Fork", "inputs": { "branches": ["clerk", "applicant"] } },
            { "id": "check", "type": "UserTask", "inputs": { "title": "Check", "role": "intake-clerk", "department": "market-supervision", "outcomes": ["ok"] } },
            { "id": "second", "type": "SetVariable", "inputs": { "variable": "x", "value": "input.later.length" } },
            { "id": "wait", "type": "WaitForEvent", "inputs": { "event": "poke" } },
            { "id": "third", "type": "SetVariable", "inputs": { "variable": "x", "value": "input.other.length" } },
            { "id": "join", "type": "Join", "inputs": { "fork": "fork" } },
            { "id": "end", "type": "End", "inputs": { "outcome": "approved" } }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "first" },
            { "source": "first", "outcome": "done", "target": "fork" },
            { "source": "fork", "outcome": "clerk", "target": "check" },
            { "source": "fork", "outcome": "applicant", "target": "wait" },
            { "source": "check", "outcome": "ok", "target": "second" },
            { "source": "second", "outcome": "done", "target": "join" },
            { "source": "wait", "outcome": "received", "target": "third" },
            { "source": "third", "outcome": "done", "target": "join" },
            { "source": "join", "outcome": "done", "target": "end" }
          ]
        }
        """)!.AsObject();
}
