using System.Globalization;
using System.Text.Json;
using CloudApproval.Engine.Definitions;

namespace CloudApproval.Engine.Validation;

/// <summary>
/// The calls between procedures of a catalogue. A procedure that calls itself, directly or through others, never ends:
/// every call starts a case that makes the same call again. One definition alone cannot show that, so cycles are found
/// over the whole catalogue before anything is imported or published; the runner's nesting bound
/// (<see cref="Runtime.ProcedureRunner.MaxNestingDepth"/>) catches what a static graph cannot see, such as a callee
/// named by a variable.
/// </summary>
public static class ProcedureCallGraph
{
    /// <summary>
    /// Every call that lies on a cycle when the catalogue is what runs: a call without a pinned version starts the
    /// callee's highest version in the catalogue.
    /// </summary>
    /// <param name="catalogue">The definitions that cases may run, each with the file (or label) errors name.</param>
    public static IReadOnlyList<DefinitionError> FindCycles(IReadOnlyCollection<(ProcedureDefinition Definition, string File)> catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var highest = catalogue.GroupBy(c => c.Definition.DefinitionId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(c => c.Definition.Version), StringComparer.Ordinal);
        return FindCycles(catalogue, id => highest.TryGetValue(id, out var v) ? v : null);
    }

    /// <summary>
    /// Every call that lies on a cycle, one error per CallProcedure activity, located at its <c>definitionId</c> input.
    /// </summary>
    /// <param name="catalogue">The definitions that cases may run, each with the file (or label) errors name.</param>
    /// <param name="currentVersion">
    /// For a call without a pinned version: the version of the callee it would start (the highest published one), or
    /// null when there is none.
    /// </param>
    public static IReadOnlyList<DefinitionError> FindCycles(
        IReadOnlyCollection<(ProcedureDefinition Definition, string File)> catalogue, Func<string, int?> currentVersion)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(currentVersion);
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var (definition, file) in catalogue) nodes.TryAdd(Key(definition.DefinitionId, definition.Version), new Node(definition, file));
        foreach (var node in nodes.Values)
        {
            var activities = node.Definition.Activities;
            for (var i = 0; i < activities.Count; i++)
            {
                if (activities[i].Type != "CallProcedure" || activities[i].Text("definitionId") is not { } callee) continue;
                if (Activities.ActivityContext.VariableRef(callee) is not null) continue; // named at run time: the nesting bound
                var version = activities[i].Input("version") is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var pinned)
                    ? pinned
                    : currentVersion(callee);
                if (version is { } n && nodes.TryGetValue(Key(callee, n), out var target)) node.Calls.Add((i, target));
            }
        }

        var errors = new List<DefinitionError>();
        foreach (var component in StronglyConnected(nodes.Values))
        {
            var members = component.ToHashSet();
            foreach (var node in component)
            {
                foreach (var (index, target) in node.Calls.Where(c => members.Contains(c.Target)))
                {
                    var path = string.Join(" → ", new[] { node }.Concat(PathBack(target, node, members)).Select(n => n.Label));
                    errors.Add(new DefinitionError(node.File, $"$.activities[{index}].inputs.definitionId", "call-cycle",
                        $"'{node.Definition.Activities[index].Id}' calls {target.Label}, which leads back here: {path}; "
                        + "a procedure that calls itself never ends"));
                }
            }
        }
        return errors;
    }

    private static string Key(string id, int version) => id + "\u0000" + version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The shortest chain of calls from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    private static List<Node> PathBack(Node from, Node to, HashSet<Node> members)
    {
        if (from == to) return [from];
        var previous = new Dictionary<Node, Node>();
        var queue = new Queue<Node>([from]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var (_, next) in current.Calls)
            {
                if (!members.Contains(next) || next == from || !previous.TryAdd(next, current)) continue;
                if (next != to)
                {
                    queue.Enqueue(next);
                    continue;
                }
                var chain = new List<Node> { to };
                for (var n = current; n != from; n = previous[n]) chain.Add(n);
                chain.Add(from);
                chain.Reverse();
                return chain;
            }
        }
        return [from, to]; // not reached: both lie on one cycle
    }

    /// <summary>Tarjan's strongly connected components that hold a cycle (more than one node, or a self-call).</summary>
    private static List<List<Node>> StronglyConnected(IEnumerable<Node> nodes)
    {
        var result = new List<List<Node>>();
        var stack = new Stack<Node>();
        var index = 0;
        foreach (var root in nodes)
        {
            if (root.Index >= 0) continue;
            // Iterative, so a catalogue with a very long chain of calls cannot overflow the stack.
            var work = new Stack<(Node Node, int Next)>();
            Visit(root);
            while (work.Count > 0)
            {
                var (node, next) = work.Pop();
                if (next < node.Calls.Count)
                {
                    work.Push((node, next + 1));
                    var target = node.Calls[next].Target;
                    if (target.Index < 0) Visit(target);
                    else if (target.OnStack) node.Low = Math.Min(node.Low, target.Index);
                    continue;
                }
                if (work.Count > 0) work.Peek().Node.Low = Math.Min(work.Peek().Node.Low, node.Low);
                if (node.Low != node.Index) continue;
                var component = new List<Node>();
                Node member;
                do
                {
                    member = stack.Pop();
                    member.OnStack = false;
                    component.Add(member);
                }
                while (member != node);
                if (component.Count > 1 || node.Calls.Any(c => c.Target == node)) result.Add(component);
            }

            void Visit(Node n)
            {
                n.Index = n.Low = index++;
                stack.Push(n);
                n.OnStack = true;
                work.Push((n, 0));
            }
        }
        return result;
    }

    private sealed class Node(ProcedureDefinition definition, string file)
    {
        public ProcedureDefinition Definition { get; } = definition;
        public string File { get; } = file;
        public List<(int ActivityIndex, Node Target)> Calls { get; } = [];
        public string Label => $"{Definition.DefinitionId} v{Definition.Version}";
        public int Index { get; set; } = -1;
        public int Low { get; set; }
        public bool OnStack { get; set; }
    }
}
