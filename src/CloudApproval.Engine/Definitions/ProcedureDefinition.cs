using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CloudApproval.Engine.Definitions;

/// <summary>One immutable version of an approval procedure, as stored in <c>workflows/&lt;definitionId&gt;/v&lt;version&gt;.json</c>.</summary>
public sealed record ProcedureDefinition
{
    /// <summary>Stable identifier of the procedure (a lower-case slug such as <c>deficiency-pending</c>).</summary>
    public required string DefinitionId { get; init; }
    /// <summary>Version number, 1 and up.</summary>
    public required int Version { get; init; }
    /// <summary>Display name.</summary>
    public required string Name { get; init; }
    /// <summary>What the procedure is for, and its legal basis.</summary>
    public string Description { get; init; } = "";
    /// <summary>Instance variables with their types and defaults.</summary>
    public IReadOnlyList<VariableDefinition> Variables { get; init; } = [];
    /// <summary>The activities of the flowchart.</summary>
    public IReadOnlyList<ActivityDefinition> Activities { get; init; } = [];
    /// <summary>Connections from an activity's outcome port to the next activity.</summary>
    public IReadOnlyList<Connection> Connections { get; init; } = [];
    /// <summary>Author and changelog.</summary>
    public DefinitionMetadata Metadata { get; init; } = new("", []);

    // Lookups by id and by (source, outcome), built once per list: validation and every run step stay linear in the size
    // of the definition. Keyed by the list itself (not a field of this record) so `with` copies and equality are unaffected.
    private static readonly ConditionalWeakTable<IReadOnlyList<ActivityDefinition>, Dictionary<string, ActivityDefinition>> ActivityIndex = [];
    private static readonly ConditionalWeakTable<IReadOnlyList<Connection>, Dictionary<(string, string), string>> ConnectionIndex = [];

    /// <summary>The activity with the given id (the first, if the id is used twice), or null.</summary>
    public ActivityDefinition? FindActivity(string id) =>
        ActivityIndex.GetValue(Activities, static list =>
        {
            var index = new Dictionary<string, ActivityDefinition>(StringComparer.Ordinal);
            foreach (var a in list) index.TryAdd(a.Id, a);
            return index;
        }).GetValueOrDefault(id);

    /// <summary>The activity a port leads to (the first connection, if it is connected twice), or null when the port is not connected.</summary>
    public string? Target(string sourceId, string outcome) =>
        ConnectionIndex.GetValue(Connections, static list =>
        {
            var index = new Dictionary<(string, string), string>();
            foreach (var c in list) index.TryAdd((c.Source, c.Outcome), c.Target);
            return index;
        }).GetValueOrDefault((sourceId, outcome));
}

/// <summary>A typed instance variable.</summary>
/// <param name="Name">Variable name, used in expressions as <c>vars.name</c>.</param>
/// <param name="Type">Its type.</param>
/// <param name="Default">The value when the start input does not set it; null for none.</param>
public sealed record VariableDefinition(string Name, VariableType Type, JsonElement? Default);

/// <summary>Types of instance variables.</summary>
public enum VariableType
{
    /// <summary>A string.</summary>
    Text,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>A duration such as <c>5wd</c> or <c>90d</c>.</summary>
    Duration,
    /// <summary>Any JSON value (objects, lists).</summary>
    Json,
}

/// <summary>One activity of the flowchart.</summary>
/// <param name="Id">Unique within the definition.</param>
/// <param name="Type">The activity type from the registry.</param>
/// <param name="DisplayName">What people see on the canvas and in timelines.</param>
/// <param name="Inputs">Input values keyed by the names the activity type declares.</param>
/// <param name="Position">Where the designer draws it.</param>
public sealed record ActivityDefinition(string Id, string Type, string DisplayName, IReadOnlyDictionary<string, JsonElement> Inputs, Position Position)
{
    /// <summary>The input value, or null when not given.</summary>
    public JsonElement? Input(string name) => Inputs.TryGetValue(name, out var v) ? v : null;

    /// <summary>The string input, or null when not given or not a string.</summary>
    public string? Text(string name) => Input(name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
}

/// <summary>Designer coordinates.</summary>
public sealed record Position(double X, double Y);

/// <summary>A connection from one activity's outcome port to another activity.</summary>
/// <param name="Source">Source activity id.</param>
/// <param name="Outcome">Outcome port of the source.</param>
/// <param name="Target">Target activity id.</param>
public sealed record Connection(string Source, string Outcome, string Target);

/// <summary>Who wrote the definition and what changed.</summary>
/// <param name="Author">The analyst responsible.</param>
/// <param name="Changelog">One line per change, newest last.</param>
public sealed record DefinitionMetadata(string Author, IReadOnlyList<string> Changelog);
