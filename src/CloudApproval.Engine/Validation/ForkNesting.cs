using CloudApproval.Engine.Definitions;

namespace CloudApproval.Engine.Validation;

/// <summary>
/// Follows every path from Start with the forks it is inside (innermost last), as the runner's tokens carry them, and
/// refuses a definition where some path would fault at run time: a Join reached outside its Fork's branches or inside
/// an inner Fork not yet joined, or a Fork reached again inside its own branches. Each activity is visited once per
/// distinct nesting, so the work is linear in the definition's size for any sensible flowchart.
/// </summary>
internal static class ForkNesting
{
    // Beyond this many distinct nestings reaching one activity the definition is refused rather than explored further.
    private const int MaxNestingsPerActivity = 16;

    /// <summary>The forks a path is inside, innermost first; <c>null</c> is outside every fork.</summary>
    private sealed record Nesting(string Fork, Nesting? Outer)
    {
        public string Key { get; } = Outer is null ? Fork : Outer.Key + "/" + Fork;

        public bool Contains(string fork) => Fork == fork || (Outer?.Contains(fork) ?? false);
    }

    public static void Check(ProcedureDefinition definition, IReadOnlyDictionary<string, int> index, Action<string, string, string> error)
    {
        var start = definition.Activities.FirstOrDefault(a => a.Type == "Start");
        if (start is null) return;
        var outgoing = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Connections.Count; i++)
        {
            var c = definition.Connections[i];
            if (!index.ContainsKey(c.Source) || !index.ContainsKey(c.Target)) continue;
            if (!outgoing.TryGetValue(c.Source, out var list)) outgoing[c.Source] = list = [];
            list.Add(i);
        }

        var seen = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var reported = new HashSet<int>();
        var queue = new Queue<(ActivityDefinition Activity, Nesting? Nesting)>();
        Visit(start, null);
        while (queue.Count > 0)
        {
            var (activity, nesting) = queue.Dequeue();
            foreach (var i in outgoing.GetValueOrDefault(activity.Id) ?? [])
            {
                var leaving = activity.Type switch
                {
                    "Fork" => new Nesting(activity.Id, nesting),
                    // Only the items' branches are inside it; an empty list leaves where the ForEachParallel stands.
                    "ForEachParallel" when definition.Connections[i].Outcome == "branch" => new Nesting(activity.Id, nesting),
                    "Join" => nesting?.Outer,
                    _ => nesting,
                };
                var target = definition.Activities[index[definition.Connections[i].Target]];
                if (Problem(definition, definition.Connections[i], target, leaving) is { } problem)
                {
                    if (reported.Add(i)) error($"$.connections[{i}]", problem.Code, problem.Message);
                    continue;
                }
                if (!Visit(target, leaving) && reported.Add(i))
                    error($"$.connections[{i}]", "too-many-nestings",
                        $"activity '{target.Id}' is reached inside more than {MaxNestingsPerActivity} different nestings of forks; simplify the flow");
            }
        }

        bool Visit(ActivityDefinition activity, Nesting? nesting)
        {
            if (!seen.TryGetValue(activity.Id, out var keys)) seen[activity.Id] = keys = [];
            if (keys.Contains(nesting?.Key ?? "")) return true;
            if (keys.Count >= MaxNestingsPerActivity) return false;
            keys.Add(nesting?.Key ?? "");
            queue.Enqueue((activity, nesting));
            return true;
        }
    }

    /// <summary>Activities whose branches a Join waits for.</summary>
    public static bool IsFork(string? type) => type is "Fork" or "ForEachParallel";

    private static (string Code, string Message)? Problem(ProcedureDefinition definition, Connection c, ActivityDefinition target, Nesting? nesting)
    {
        var via = $"outcome '{c.Outcome}' of '{c.Source}'";
        if (IsFork(target.Type) && nesting is not null && nesting.Contains(target.Id))
            return ("fork-reentered", $"{via} leads back to Fork '{target.Id}' inside its own branches, before its Join; join them first");
        // A Join naming no Fork is reported once, as join-without-fork, not again for every path into it.
        if (target.Type != "Join" || target.Text("fork") is not { } fork || nesting?.Fork == fork
            || !IsFork(definition.FindActivity(fork)?.Type)) return null;
        return ("join-outside-fork", nesting is null || !nesting.Contains(fork)
            ? $"{via} reaches Join '{target.Id}' outside the branches of Fork '{fork}' it waits for; every path into a Join must pass its Fork"
            : $"{via} reaches Join '{target.Id}' (of Fork '{fork}') inside the branches of Fork '{nesting.Fork}', which must be joined first");
    }
}
