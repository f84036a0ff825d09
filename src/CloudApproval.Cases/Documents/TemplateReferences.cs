using System.Text.Json.Nodes;

namespace CloudApproval.Cases.Documents;

/// <summary>
/// The notice templates a procedure definition can send: every activity's <c>template</c> and <c>reminderTemplate</c>
/// (a reminder without one sends <c>deadline-reminder</c>), and the notices the clock activities send themselves
/// (<c>clock-extended</c>, <c>clock-suspended</c>); and the notices the product sends whatever the procedure (a
/// submission's receipt, a licence's reminders, expiry, extension, revocation). Staff alerts are messages, not documents,
/// and need none.
/// </summary>
public static class TemplateReferences
{
    /// <summary>
    /// The notices the product sends itself, whatever the procedure (an online submission's receipt, a licence's life):
    /// every workflows folder needs their templates.
    /// </summary>
    public static IEnumerable<(string Template, string ReferencedBy)> OfProduct =>
        Licences.LicenceNotices.Types.Select(t => (t, "the licence notices CloudApproval sends"))
            .Append(("receipt", "the receipt of an online submission"));

    /// <summary>(template, "definition v1 activity 'x'") for every reference in the definition's JSON.</summary>
    public static IEnumerable<(string Template, string ReferencedBy)> Of(JsonNode definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var name = $"{definition["definitionId"]} v{definition["version"]}";
        foreach (var activity in (definition["activities"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var where = $"{name} activity '{activity["id"]}'";
            var inputs = activity["inputs"] as JsonObject;
            if (Text(inputs?["template"]) is { } template) yield return (template, where);
            if (Text(inputs?["reminderTemplate"]) is { } reminder) yield return (reminder, where);
            else if (inputs?["reminderBefore"] is not null) yield return ("deadline-reminder", where);
            switch (Text(activity["type"]))
            {
                case "ExtendLegalClock":
                    yield return ("clock-extended", where);
                    break;
                case "SuspendLegalClock":
                    yield return ("clock-suspended", where);
                    break;
            }
        }
    }

    /// <summary>Every reference of the procedure definitions in a workflows folder (<c>&lt;id&gt;/v&lt;n&gt;.json</c>).</summary>
    public static IEnumerable<(string Template, string ReferencedBy)> InFolder(string workflowsFolder) =>
        OfProduct.Concat(InFiles(Directory.EnumerateFiles(workflowsFolder, "v*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)));

    /// <summary>Every reference of the procedure definitions among <paramref name="files"/> (files already listed safely).</summary>
    public static IEnumerable<(string Template, string ReferencedBy)> InFiles(IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            JsonNode? json;
            try
            {
                json = JsonNode.Parse(File.ReadAllText(file));
            }
            catch (System.Text.Json.JsonException)
            {
                continue; // Not this check's business: validate reports the file itself.
            }
            if (json?["activities"] is not JsonArray) continue;
            foreach (var reference in Of(json)) yield return reference;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
