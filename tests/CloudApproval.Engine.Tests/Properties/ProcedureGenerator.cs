using System.Text.Json;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Properties;

/// <summary>
/// Generates random procedures the validator accepts, from the activity registry's types: sequences of tasks, timers,
/// events, variables, decisions, notices, sub-procedures and domain activities; nested forks; loops back to earlier
/// tasks; deadlines; a legal clock. Deterministic for a seed.
/// </summary>
internal sealed class ProcedureGenerator(Random random)
{
    public const string Variables = """
        [{"name":"data","type":"json"},{"name":"note","type":"text","default":"note"},
         {"name":"count","type":"integer","default":0},{"name":"period","type":"duration","default":"2wd"}]
        """;

    public static readonly string[] Events = ["paid", "materials-supplemented"];
    public static readonly string[] ChildOutcomes = ["done", "failed"];

    private readonly List<string> _activities = [Acts.Start, Acts.End()];
    private readonly List<string> _connections = [];
    private int _ids;
    private bool _clock;

    /// <summary>The definition text.</summary>
    public string Generate(string id)
    {
        var first = Sequence(depth: 0, exit: "end", random.Next(1, 7));
        _connections.Add($"start:done -> {first}");
        if (_connections.Any(c => c.EndsWith("-> rejected-end", StringComparison.Ordinal))) _activities.Add(Acts.End("rejected-end", "rejected"));
        return Def.Text(Acts.List([.. _activities]), [.. _connections], Variables, id);
    }

    private string NewId(string prefix) => $"{prefix}-{++_ids}";

    private string Pick(params string[] items) => items[random.Next(items.Length)];

    private bool Chance(double p) => random.NextDouble() < p;

    /// <summary>Items one after the other; returns the first activity. Tasks of the sequence are targets for loops back.</summary>
    private string Sequence(int depth, string exit, int count)
    {
        var tasks = new List<string>();
        string? entry = null;
        List<(string Source, string Port)> open = [];
        for (var i = 0; i < count; i++)
        {
            var (itemEntry, exits) = Item(depth, tasks);
            entry ??= itemEntry;
            foreach (var (source, port) in open) _connections.Add($"{source}:{port} -> {itemEntry}");
            open = exits;
        }
        foreach (var (source, port) in open) _connections.Add($"{source}:{port} -> {exit}");
        return entry!;
    }

    private (string Entry, List<(string, string)> Exits) Item(int depth, List<string> tasks)
    {
        var roll = random.Next(100);
        if (roll < 30) return Task(tasks);
        if (roll < 38) return Single("timer", "Timer", $$"""{"duration":"{{Pick("1h", "2d", "3wd", "$period", "30m", "1wd")}}"}""", "done");
        if (roll < 46) return Wait();
        if (roll < 54) return SetVariable();
        if (roll < 59) return Decision();
        if (roll < 63) return Single("notice", "SendNotice", """{"noticeType":"acceptance","template":"acceptance","recipient":"applicant","data":"({ n: vars.count, note: vars.note })"}""", "done");
        if (roll < 73 && depth < 2) return Fork(depth);
        if (roll < 78) return Call();
        if (roll < 83 && depth == 0 && !_clock) return Clock();
        if (roll < 87) return Single("licence", "IssueLicence", """{"licenceType":"food","validity":"365d"}""", "done");
        if (roll < 91) return Correction();
        if (roll < 95) return Commitment();
        return Single("session", "ScheduleRemoteSession", $$"""{"kind":"survey","noticeAhead":"{{Pick("3wd", "2d")}}","recipients":"applicant","template":"survey"}""", "started");
    }

    private (string, List<(string, string)>) Single(string prefix, string type, string inputs, string port)
    {
        var id = NewId(prefix);
        _activities.Add(Acts.Of(id, type, inputs));
        return (id, [(id, port)]);
    }

    private string? Deadline() => Chance(0.4) ? Pick("2d", "5wd", "12h", "$period", "1wd") : null;

    private (string, List<(string, string)>) Task(List<string> tasks)
    {
        var id = NewId("task");
        tasks.Add(id);
        var outcomes = new List<string> { "ok" };
        var back = Chance(0.3) ? tasks[random.Next(tasks.Count)] : null;
        if (back is not null) outcomes.Add("back");
        var reject = Chance(0.3);
        if (reject) outcomes.Add("reject");
        var extra = new List<string>();
        if (Chance(0.3)) extra.Add("""
            "form":[{"name":"remark","label":"Remark","type":"text"},{"name":"risk","label":"Risk","type":"choice","choices":["low","high"],"required":true}]
            """);
        if (Chance(0.5)) extra.Add("\"saveAs\":\"data\"");
        if (Chance(0.3)) extra.Add($"\"due\":\"{Pick("3wd", "$period", "20wd")}\"");
        if (Chance(0.2)) extra.Add($"\"followUp\":\"{Pick("1wd", "4h")}\"");
        var deadline = Deadline();
        if (deadline is not null) extra.Add($"\"deadline\":\"{deadline}\"");
        _activities.Add(Acts.Task(id, string.Join(",", outcomes.Select(o => JsonSerializer.Serialize(o))), string.Join(",", extra)));
        var exits = new List<(string, string)> { (id, "ok") };
        if (back is not null) _connections.Add($"{id}:back -> {back}");
        if (reject) _connections.Add($"{id}:reject -> rejected-end");
        if (deadline is not null)
        {
            if (Chance(0.5)) exits.Add((id, "expired"));
            else _connections.Add($"{id}:expired -> rejected-end");
        }
        return (id, exits);
    }

    private (string, List<(string, string)>) Wait()
    {
        var id = NewId("wait");
        var deadline = Deadline();
        _activities.Add(Acts.Of(id, "WaitForEvent",
            $$"""{"event":"{{Pick(Events)}}","saveAs":"data"{{(deadline is null ? "" : $",\"deadline\":\"{deadline}\",\"reminderBefore\":\"1wd\"")}}}"""));
        return (id, deadline is null ? [(id, "received")] : [(id, "received"), (id, "expired")]);
    }

    private (string, List<(string, string)>) SetVariable() => Pick("count", "note", "data", "period") switch
    {
        "count" => Single("set", "SetVariable", """{"variable":"count","value":"vars.count + 1"}""", "done"),
        "note" => Single("set", "SetVariable", """{"variable":"note","value":"'n' + vars.count + ' ' + new Date().toISOString()"}""", "done"),
        "data" => Single("set", "SetVariable", """{"variable":"data","value":"({ at: Date.now(), n: vars.count, d: vars.data })"}""", "done"),
        _ => Single("set", "SetVariable", """{"variable":"period","value":"vars.count > 2 ? '1wd' : '3wd'"}""", "done"),
    };

    private (string, List<(string, string)>) Decision()
    {
        var id = NewId("decide");
        _activities.Add(Acts.Of(id, "Decision", """{"branches":[{"port":"more","condition":"vars.count > 1"},{"port":"data","condition":"vars.data != null"}]}"""));
        return (id, [(id, "more"), (id, "data"), (id, "otherwise")]);
    }

    private (string, List<(string, string)>) Fork(int depth)
    {
        var fork = NewId("fork");
        var join = NewId("join");
        var branches = Enumerable.Range(1, random.Next(2, 4)).Select(i => $"b{i}").ToList();
        _activities.Add(Acts.Of(fork, "Fork", $$"""{"branches":[{{string.Join(",", branches.Select(b => $"\"{b}\""))}}]}"""));
        _activities.Add(Acts.Of(join, "Join", $$"""{"fork":"{{fork}}"}"""));
        foreach (var branch in branches)
        {
            // A branch may go straight to the join, or (not the first: the join stays reachable) end the whole
            // instance while the other branches wait.
            var target = random.Next(100) switch
            {
                < 15 => join,
                < 20 when branch != branches[0] => "rejected-end",
                _ => Sequence(depth + 1, join, random.Next(1, 4)),
            };
            _connections.Add($"{fork}:{branch} -> {target}");
        }
        return (fork, [(join, "done")]);
    }

    private (string, List<(string, string)>) Call()
    {
        var id = NewId("call");
        _activities.Add(Acts.Of(id, "CallProcedure", """{"definitionId":"joint-review","input":"({ n: vars.count })","outcomes":["done","failed"]}"""));
        _connections.Add($"{id}:failed -> rejected-end");
        return (id, [(id, "done")]);
    }

    /// <summary>
    /// A legal clock started, maybe suspended (on an art. 45 ground) and resumed, maybe extended after the head's approval
    /// (or refused), and stopped: once, at the top level.
    /// </summary>
    private (string, List<(string, string)>) Clock()
    {
        _clock = true;
        var chain = new List<(string Type, string Inputs, string Port)>
        {
            ("StartLegalClock", $$"""{"limit":"{{Pick("20wd", "5wd")}}","countFrom":"{{Pick("now", "instanceStart")}}"}""", "done"),
        };
        if (Chance(0.5))
            chain.AddRange([("SuspendLegalClock", """{"ground":"expert-review","timeNeeded":"10wd"}""", "done"), ("ResumeLegalClock", "{}", "done")]);
        var ids = new List<string>();
        if (Chance(0.5))
        {
            var head = NewId("head");
            chain.Add(("UserTask", """{"title":"Extension","role":"department-head","department":"market-supervision","outcomes":["approve"]}""", "approve"));
            chain.Add(("ExtendLegalClock", $$"""{"days":"10wd","reason":"complex case","approvedBy":"{{head}}"}""", "done"));
            ids.AddRange(chain.Take(chain.Count - 2).Select(_ => NewId("clock")));
            ids.Add(head);
            ids.Add(NewId("clock"));
        }
        chain.Add(("StopLegalClock", "{}", "done"));
        while (ids.Count < chain.Count) ids.Add(NewId("clock"));
        for (var i = 0; i < chain.Count; i++)
        {
            _activities.Add(Acts.Of(ids[i], chain[i].Type, chain[i].Inputs));
            if (i > 0) _connections.Add($"{ids[i - 1]}:{chain[i - 1].Port} -> {ids[i]}");
            // A refused extension (limit passed, or already extended) goes on to the stop like a granted one.
            if (chain[i].Type == "ExtendLegalClock") _connections.Add($"{ids[i]}:refused -> {ids[i + 1]}");
        }
        return (ids[0], [(ids[^1], "done")]);
    }

    private (string, List<(string, string)>) Correction()
    {
        var id = NewId("correction");
        var deadline = Deadline();
        _activities.Add(Acts.Of(id, "RequestCorrection",
            $$"""{"template":"correction","items":"['licence copy']","saveAs":"data"{{(deadline is null ? "" : $",\"deadline\":\"{deadline}\"")}}}"""));
        return (id, deadline is null ? [(id, "corrected")] : [(id, "corrected"), (id, "expired")]);
    }

    private (string, List<(string, string)>) Commitment()
    {
        var id = NewId("commitment");
        _activities.Add(Acts.Of(id, "SignCommitment", """{"template":"commitment","saveAs":"data"}"""));
        return (id, [(id, "signed"), (id, "declined")]);
    }
}
