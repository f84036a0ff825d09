using System.Collections.Concurrent;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Cases.Instances;

/// <summary>
/// The engine states a transition just wrote, parsed, so the next stimulus to the same case does not parse the text
/// it was made from again. An entry is used only when the stored text is exactly the text written, so a change by
/// another writer or node, or a commit that failed, simply misses. Sharing is safe because the runner never modifies
/// the state it is given (it clones it), and nothing here modifies a state after the run that produced it.
/// </summary>
internal sealed class StateCache(int capacity = 1024)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public InstanceState Parse(string caseId, string json)
    {
        if (_entries.TryGetValue(caseId, out var hit) && string.Equals(hit.Json, json, StringComparison.Ordinal)) return hit.State;
        // Kept on a miss too: a look before a transition (which procedure waits, who may hold a task) and the
        // transition itself then parse the text once.
        var state = InstanceState.FromJson(json);
        Remember(caseId, json, state);
        return state;
    }

    public void Remember(string caseId, string json, InstanceState state)
    {
        // Bounded without bookkeeping: a full cache starts over; the cost of a miss is one parse.
        if (_entries.Count >= capacity) _entries.Clear();
        _entries[caseId] = new Entry(json, state);
    }

    private sealed record Entry(string Json, InstanceState State);
}
