using System.Globalization;
using CloudApproval.Engine.Definitions;

namespace CloudApproval.Web.Components.Designer;

/// <summary>What changed between two versions of a procedure: activities added, removed and changed (with what), connections added and removed.</summary>
public sealed record ProcedureComparison(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Changed,
    IReadOnlyList<Connection> ConnectionsAdded,
    IReadOnlyList<Connection> ConnectionsRemoved)
{
    public static ProcedureComparison Of(ProcedureDefinition from, ProcedureDefinition to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var changed = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var after in to.Activities)
            if (from.FindActivity(after.Id) is { } before && Differences(before, after) is { Count: > 0 } fields)
                changed.TryAdd(after.Id, fields);
        return new(
            to.Activities.Where(a => from.FindActivity(a.Id) is null).Select(a => a.Id).ToList(),
            from.Activities.Where(a => to.FindActivity(a.Id) is null).Select(a => a.Id).ToList(),
            changed,
            to.Connections.Except(from.Connections).ToList(),
            from.Connections.Except(to.Connections).ToList());
    }

    /// <summary>Marks for the canvas of the older version (removed, changed) or of the newer one (added, changed).</summary>
    public IReadOnlyDictionary<string, string> Marks(bool newer) =>
        (newer ? Added.Select(id => (id, "added")) : Removed.Select(id => (id, "removed")))
        .Concat(Changed.Keys.Select(id => (id, "changed")))
        .ToDictionary(m => m.id, m => m.Item2, StringComparer.Ordinal);

    /// <summary>The fields of an activity that differ: type, displayName, position, inputs.&lt;name&gt;.</summary>
    private static List<string> Differences(ActivityDefinition before, ActivityDefinition after)
    {
        var fields = new List<string>();
        if (before.Type != after.Type) fields.Add("type");
        if (before.DisplayName != after.DisplayName) fields.Add("displayName");
        if (before.Position != after.Position)
            fields.Add(string.Create(CultureInfo.InvariantCulture, $"position ({before.Position.X}, {before.Position.Y}) → ({after.Position.X}, {after.Position.Y})"));
        foreach (var name in before.Inputs.Keys.Union(after.Inputs.Keys).Order(StringComparer.Ordinal))
            if (before.Input(name)?.GetRawText() != after.Input(name)?.GetRawText()) fields.Add("inputs." + name);
        return fields;
    }
}
