using CloudApproval.Engine.Definitions;

namespace CloudApproval.Web.Components.Designer;

/// <summary>
/// Positions for a definition written without them (every activity at 0,0): columns by distance from Start along the
/// connections, activities of a column one under the other in the order they are listed.
/// </summary>
public static class AutoLayout
{
    public const double ColumnWidth = 300;
    public const double RowHeight = 170;
    public const double Margin = 40;

    public static bool IsNeeded(ProcedureDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Activities.Count > 1 && definition.Activities.All(a => a.Position is { X: 0, Y: 0 });
    }

    public static ProcedureDefinition Apply(ProcedureDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var layer = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = definition.Connections.ToLookup(c => c.Source, c => c.Target);
        var roots = definition.Activities.Where(a => a.Type == "Start").Select(a => a.Id).ToList();
        var queue = new Queue<string>();
        foreach (var root in roots)
        {
            layer[root] = 0;
            queue.Enqueue(root);
        }
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            foreach (var target in next[id])
                if (layer.TryAdd(target, layer[id] + 1)) queue.Enqueue(target);
        }
        var last = layer.Count == 0 ? 0 : layer.Values.Max() + 1;
        var rows = new Dictionary<int, int>();
        var activities = definition.Activities.Select(a =>
        {
            var column = layer.GetValueOrDefault(a.Id, last);
            var row = rows[column] = rows.GetValueOrDefault(column, -1) + 1;
            return a with { Position = new Position(Margin + column * ColumnWidth, Margin + row * RowHeight) };
        }).ToList();
        return definition with { Activities = activities };
    }
}
