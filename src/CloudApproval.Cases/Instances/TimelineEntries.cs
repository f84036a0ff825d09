using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Audit;

namespace CloudApproval.Cases.Instances;

/// <summary>Audit entries read back as timeline steps.</summary>
internal static class TimelineEntries
{
    /// <summary>
    /// The step an audit entry records. A detail that is not the JSON the application wrote (edited behind its back)
    /// yields one journal line saying so, naming the case and the entry, instead of failing the whole history.
    /// </summary>
    public static TimelineEntry From(AuditEntry entry)
    {
        JsonObject? detail;
        try
        {
            detail = JsonNode.Parse(entry.Detail) as JsonObject;
        }
        catch (JsonException)
        {
            detail = null;
        }
        if (detail is null)
            return new TimelineEntry(entry.CaseId, entry.Sequence, entry.At, entry.Actor, entry.Action, null, null, null, null,
                [$"FINDING: case {entry.CaseId}, audit entry {entry.Sequence} (row #{entry.Id}): its detail is not a JSON object; run audit verify {entry.CaseId}"]);
        // An engine step carries its stimulus, status, journal and effects; other entries (a task claimed) their own detail.
        if (detail["journal"] is not JsonArray journal)
            return new TimelineEntry(entry.CaseId, entry.Sequence, entry.At, entry.Actor, entry.Action, null, null, detail, null, []);
        return new TimelineEntry(entry.CaseId, entry.Sequence, entry.At, entry.Actor, entry.Action,
            detail["status"] is JsonValue status && status.TryGetValue<string>(out var text) ? text : null,
            detail["stimulus"]?.DeepClone(), null, detail["effects"]?.DeepClone(),
            [.. journal.Select(j => j is JsonValue v && v.TryGetValue<string>(out var line) ? line : "")]);
    }
}
