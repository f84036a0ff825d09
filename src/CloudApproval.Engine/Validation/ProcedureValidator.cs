using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudApproval.Engine.Activities;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Expressions;
using CloudApproval.Engine.Json;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Validation;

/// <summary>
/// Checks a definition completely and reports every problem at once, each with its file and JSON path. Input rules
/// come from the activity registry's declarations, so a new activity type is validated without touching this class.
/// </summary>
public static partial class ProcedureValidator
{
    /// <summary>The longest id or name (activity, definition, variable, outcome) a definition may use.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The most activities a definition may have.</summary>
    public const int MaxActivities = 1_000;

    /// <summary>The most connections a definition may have.</summary>
    public const int MaxConnections = 4 * MaxActivities;

    /// <summary>The most variables a definition may declare.</summary>
    public const int MaxVariables = 200;

    /// <summary>Reads and checks definition text.</summary>
    public static IReadOnlyList<DefinitionError> Validate(string json, string file)
    {
        var errors = new List<DefinitionError>();
        var definition = DefinitionReader.Read(json, file, errors);
        if (definition is not null) new Checker(definition, file, errors).Run();
        return errors;
    }

    /// <summary>Checks a definition already read (the designer's draft, an import).</summary>
    public static IReadOnlyList<DefinitionError> Validate(ProcedureDefinition definition, string file)
    {
        var errors = new List<DefinitionError>();
        new Checker(definition, file, errors).Run();
        return errors;
    }

    /// <summary>Checks a file on disk; also that its folder and name match the id and version.</summary>
    public static IReadOnlyList<DefinitionError> ValidateFile(string path)
    {
        string text;
        try
        {
            text = JsonFiles.ReadText(path);
        }
        catch (UnreadableFileException ex)
        {
            return [new DefinitionError(path, "$", "unreadable-file", ex.Reason)];
        }
        var errors = Validate(text, path).ToList();
        var match = FileName().Match(Path.GetFileName(path));
        if (!match.Success)
            errors.Add(new(path, "$", "file-name", $"'{Quoted.Of(Path.GetFileName(path))}' is not a definition file name: write v<version>.json, e.g. v1.json (no leading zero, lower-case v)"));
        if (errors.Count == 0 && match.Success)
        {
            var definition = DefinitionReader.Read(text, path);
            var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)));
            if (folder != definition.DefinitionId)
                errors.Add(new(path, "$.definitionId", "file-mismatch", $"definitionId '{definition.DefinitionId}' does not match its folder '{folder}'"));
            if (match.Groups[1].Value != definition.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
                errors.Add(new(path, "$.version", "file-mismatch", $"version {definition.Version} does not match the file name {Path.GetFileName(path)}"));
        }
        return errors;
    }

    /// <summary>A definition file name: <c>v&lt;N&gt;.json</c>.</summary>
    [GeneratedRegex("^v([1-9][0-9]{0,8})\\.json\\z")]
    public static partial Regex FileName();

    /// <summary>
    /// Whether a file in a procedure folder is meant as a version of it (<c>v&lt;digits&gt;.json</c> in any case): such a file is
    /// validated, so a misnamed version (<c>v01.json</c>, <c>V1.json</c>) is an error rather than silently skipped.
    /// </summary>
    public static bool IsVersionFileCandidate(string fileName) => VersionFileCandidate().IsMatch(fileName);

    /// <summary>A lower-case slug (ids, outcomes, roles, departments) of at most <see cref="MaxNameLength"/> characters.</summary>
    public static bool IsSlug(string text) => text.Length <= MaxNameLength && Slug().IsMatch(text);

    /// <summary>A name usable in expressions (variables, form fields) of at most <see cref="MaxNameLength"/> characters.</summary>
    public static bool IsIdentifier(string text) => text.Length <= MaxNameLength && Identifier().IsMatch(text);

    // \z, not $: $ also matches before a final newline, which let "review\n" through as a slug.
    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*\\z")]
    private static partial Regex Slug();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*\\z")]
    private static partial Regex Identifier();

    [GeneratedRegex("^v[0-9]+\\.json\\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VersionFileCandidate();

    private sealed class Checker(ProcedureDefinition definition, string file, List<DefinitionError> errors)
    {
        private readonly Dictionary<string, int> _index = [];

        public void Run()
        {
            if (TooLarge()) return;
            if (!IsSlug(definition.DefinitionId))
                Error("$.definitionId", "invalid-id", $"'{Quoted.Of(definition.DefinitionId)}' is not a lower-case slug such as deficiency-pending (at most {MaxNameLength} characters)");
            CheckVariables();
            CheckActivities();
            CheckConnections();
            CheckGraph();
            ForkNesting.Check(definition, _index, Error);
        }

        /// <summary>A definition beyond the limits is refused at once, before any work that grows with its size.</summary>
        private bool TooLarge()
        {
            var before = errors.Count;
            Limit("$.variables", definition.Variables.Count, MaxVariables, "variables");
            Limit("$.activities", definition.Activities.Count, MaxActivities, "activities");
            Limit("$.connections", definition.Connections.Count, MaxConnections, "connections");
            return errors.Count > before;
        }

        private void Limit(string path, int count, int max, string what)
        {
            if (count > max) Error(path, "too-large", $"the definition has {count:N0} {what}; the limit is {max:N0} {what}");
        }

        private void CheckVariables()
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < definition.Variables.Count; i++)
            {
                var v = definition.Variables[i];
                var path = $"$.variables[{i}]";
                if (!IsIdentifier(v.Name)) Error($"{path}.name", "invalid-name", $"'{Quoted.Of(v.Name)}' is not a valid variable name (letters, digits, _; at most {MaxNameLength} characters)");
                if (!seen.Add(v.Name)) Error($"{path}.name", "duplicate-variable", $"variable '{v.Name}' is declared twice");
                if (v.Default is { } d && VariableValues.Check(v.Type, JsonNode.Parse(d.GetRawText())) is { } problem)
                    Error($"{path}.default", "wrong-type", $"default of '{v.Name}': {problem}");
            }
        }

        private void CheckActivities()
        {
            var starts = new List<int>();
            for (var i = 0; i < definition.Activities.Count; i++)
            {
                var a = definition.Activities[i];
                var path = $"$.activities[{i}]";
                if (!_index.TryAdd(a.Id, i)) Error($"{path}.id", "duplicate-id", $"activity id '{a.Id}' is used twice (first at $.activities[{_index[a.Id]}])");
                if (!IsSlug(a.Id))
                    Error($"{path}.id", "invalid-id", $"activity id '{Quoted.Of(a.Id)}' is not a lower-case slug such as review-correction (at most {MaxNameLength} characters)");
                var type = ActivityRegistry.Find(a.Type);
                if (type is null)
                {
                    Error($"{path}.type", "unknown-activity-type",
                        $"activity '{a.Id}': unknown activity type '{a.Type}'; known types: {string.Join(", ", ActivityRegistry.Descriptors.Select(d => d.Type))}");
                    continue;
                }
                if (a.Type == "Start") starts.Add(i);
                CheckInputs(a, type.Descriptor, path);
            }
            if (starts.Count == 0) Error("$.activities", "no-start", "the procedure has no Start activity");
            if (starts.Count > 1)
                foreach (var i in starts.Skip(1))
                    Error($"$.activities[{i}]", "several-starts", $"a second Start activity '{definition.Activities[i].Id}'; a procedure has exactly one");
        }

        private void CheckInputs(ActivityDefinition a, ActivityDescriptor descriptor, string path)
        {
            foreach (var input in descriptor.Inputs)
                if (input.Required && !a.Inputs.ContainsKey(input.Name))
                    Error($"{path}.inputs.{input.Name}", "missing-input", $"activity '{a.Id}' ({a.Type}): input '{input.Name}' is required — {input.Description}");
            foreach (var (name, value) in a.Inputs)
            {
                var inputPath = $"{path}.inputs.{name}";
                var input = descriptor.Input(name);
                if (input is null)
                {
                    Error(inputPath, "unknown-input",
                        $"activity '{a.Id}' ({a.Type}) has no input '{name}'; its inputs are {string.Join(", ", descriptor.Inputs.Select(x => x.Name))}");
                    continue;
                }
                if (InputRules.Check(input, value, definition) is { } problem)
                    Error(problem.Path is null ? inputPath : inputPath + problem.Path, problem.Code, $"activity '{a.Id}' ({a.Type}), input '{name}': {problem.Message}");
            }
            foreach (var problem in ActivityRegistry.Find(a.Type)!.Check(a, definition))
                Error($"{path}.inputs.{problem.Input}", problem.Code, $"activity '{a.Id}' ({a.Type}), input '{problem.Input}': {problem.Message}");
        }

        private void CheckConnections()
        {
            var used = new HashSet<(string, string)>();
            for (var i = 0; i < definition.Connections.Count; i++)
            {
                var c = definition.Connections[i];
                var path = $"$.connections[{i}]";
                var source = _index.TryGetValue(c.Source, out var s) ? definition.Activities[s] : null;
                if (source is null) Error($"{path}.source", "unknown-source", $"connection from unknown activity '{c.Source}'");
                if (!_index.ContainsKey(c.Target)) Error($"{path}.target", "unknown-target", $"connection to unknown activity '{c.Target}'");
                if (source is not null && ActivityRegistry.Find(source.Type) is { } type)
                {
                    var ports = type.Descriptor.PortsOf(source);
                    if (!ports.Contains(c.Outcome))
                        Error($"{path}.outcome", "unknown-port",
                            $"activity '{c.Source}' ({source.Type}) has no outcome '{c.Outcome}'; its outcomes are {(ports.Count == 0 ? "none" : string.Join(", ", ports))}");
                }
                if (!used.Add((c.Source, c.Outcome)))
                    Error(path, "duplicate-connection", $"outcome '{c.Outcome}' of '{c.Source}' is connected twice; an outcome leads to exactly one activity");
            }
            for (var i = 0; i < definition.Activities.Count; i++)
            {
                var a = definition.Activities[i];
                if (ActivityRegistry.Find(a.Type) is not { } type) continue;
                foreach (var port in type.Descriptor.PortsOf(a))
                    if (!used.Contains((a.Id, port)))
                        Error($"$.activities[{i}]", "unconnected-port", $"outcome '{port}' of activity '{a.Id}' ({a.Type}) leads nowhere; connect it");
            }
        }

        private void CheckGraph()
        {
            var edges = definition.Connections.Where(c => _index.ContainsKey(c.Source) && _index.ContainsKey(c.Target)).ToList();
            var start = definition.Activities.FirstOrDefault(a => a.Type == "Start");
            if (start is not null)
            {
                var reached = Closure([start.Id], edges.ToLookup(c => c.Source, c => c.Target));
                foreach (var (id, i) in _index)
                    if (!reached.Contains(id))
                        Error($"$.activities[{i}]", "unreachable", $"activity '{id}' cannot be reached from Start '{start.Id}'");
            }
            var ends = definition.Activities.Where(a => a.Type == "End").Select(a => a.Id).ToList();
            var canEnd = Closure(ends, edges.ToLookup(c => c.Target, c => c.Source));
            foreach (var (id, i) in _index)
            {
                var a = definition.Activities[i];
                if (!canEnd.Contains(id) && ActivityRegistry.Find(a.Type) is not null)
                    Error($"$.activities[{i}]", "no-end", $"no End can be reached from activity '{id}'");
            }
            var joined = definition.Activities.Where(a => a.Type == "Join").Select(a => a.Text("fork")).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < definition.Activities.Count; i++)
            {
                var a = definition.Activities[i];
                // Its completion condition, cancellation and results belong to its Join; without one the branches just run on.
                if (a.Type == "ForEachParallel" && !joined.Contains(a.Id))
                    Error($"$.activities[{i}]", "no-join", $"no Join waits for ForEachParallel '{a.Id}'; add a Join with fork '{a.Id}' where its branches meet");
                if (a.Type != "Join" || a.Text("fork") is not { } fork) continue;
                var target = definition.FindActivity(fork);
                if (!ForkNesting.IsFork(target?.Type))
                    Error($"$.activities[{i}].inputs.fork", "join-without-fork",
                        $"Join '{a.Id}' waits for Fork '{fork}', but {(target is null ? "there is no such activity" : $"'{fork}' is a {target.Type}, not a Fork or ForEachParallel")}");
            }
        }

        private static HashSet<string> Closure(IEnumerable<string> roots, ILookup<string, string> next)
        {
            var seen = new HashSet<string>(roots, StringComparer.Ordinal);
            var queue = new Queue<string>(seen);
            while (queue.Count > 0)
                foreach (var n in next[queue.Dequeue()])
                    if (seen.Add(n)) queue.Enqueue(n);
            return seen;
        }

        private void Error(string path, string code, string message) => errors.Add(new DefinitionError(file, path, code, message));
    }
}
