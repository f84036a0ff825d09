using System.Text.Json;
using CloudApproval.Engine.Activities;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Web.Components.Designer;

/// <summary>
/// The procedure being edited: an immutable definition replaced by every edit, so undo and redo are a stack of
/// definitions and what is saved is exactly what the validator saw. Knows nothing of the canvas.
/// </summary>
public sealed class DesignerDocument
{
    private readonly Stack<ProcedureDefinition> _undo = new();
    private readonly Stack<ProcedureDefinition> _redo = new();

    public DesignerDocument(ProcedureDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = AutoLayout.IsNeeded(definition) ? AutoLayout.Apply(definition) : definition;
    }

    /// <summary>The definition as it stands.</summary>
    public ProcedureDefinition Definition { get; private set; }

    public bool CanUndo => _undo.Count > 0;

    public bool CanRedo => _redo.Count > 0;

    /// <summary>The canonical text, as <c>cloudapproval format</c> writes it.</summary>
    public string Json => DefinitionWriter.Write(Definition);

    public ActivityDefinition? Activity(string id) => Definition.FindActivity(id);

    /// <summary>The outcome ports of an activity, from its type's declaration (none for an unknown type).</summary>
    public static IReadOnlyList<string> PortsOf(ActivityDefinition activity) =>
        ActivityRegistry.Find(activity.Type)?.Descriptor.PortsOf(activity) ?? [];

    public void Undo() => Step(_undo, _redo);

    public void Redo() => Step(_redo, _undo);

    private void Step(Stack<ProcedureDefinition> from, Stack<ProcedureDefinition> to)
    {
        if (from.Count == 0) return;
        to.Push(Definition);
        Definition = from.Pop();
    }

    private void Change(ProcedureDefinition next)
    {
        if (next == Definition) return;
        _undo.Push(Definition);
        _redo.Clear();
        Definition = next;
    }

    /// <summary>Adds an activity of a type at a position; returns its id (the type as a slug, numbered when taken).</summary>
    public string Add(string type, Position position)
    {
        var stem = Slug(type);
        var id = stem;
        for (var n = 2; Definition.FindActivity(id) is not null; n++) id = $"{stem}-{n}";
        var activity = new ActivityDefinition(id, type, type, new Dictionary<string, JsonElement>(StringComparer.Ordinal), Round(position));
        Change(Definition with { Activities = [.. Definition.Activities, activity] });
        return id;
    }

    /// <summary>Removes activities and every connection from or to them.</summary>
    public void Remove(IReadOnlyCollection<string> ids)
    {
        if (!Definition.Activities.Any(a => ids.Contains(a.Id))) return;
        Change(Definition with
        {
            Activities = Definition.Activities.Where(a => !ids.Contains(a.Id)).ToList(),
            Connections = Definition.Connections.Where(c => !ids.Contains(c.Source) && !ids.Contains(c.Target)).ToList(),
        });
    }

    /// <summary>Leads an outcome to an activity; an outcome leads to one activity only, so an earlier connection of it is replaced.</summary>
    public void Connect(string source, string outcome, string target)
    {
        if (Definition.Target(source, outcome) == target) return;
        var index = Definition.Connections.ToList().FindIndex(c => c.Source == source && c.Outcome == outcome);
        var connection = new Connection(source, outcome, target);
        var connections = Definition.Connections.ToList();
        if (index >= 0) connections[index] = connection;
        else connections.Add(connection);
        Change(Definition with { Connections = connections });
    }

    public void Disconnect(string source, string outcome)
    {
        if (Definition.Target(source, outcome) is null) return;
        Change(Definition with { Connections = Definition.Connections.Where(c => c.Source != source || c.Outcome != outcome).ToList() });
    }

    public void Move(string id, Position position) => Replace(id, a => a with { Position = Round(position) });

    public void SetDisplayName(string id, string displayName) => Replace(id, a => a with { DisplayName = displayName });

    /// <summary>
    /// Sets an input (null removes it). Connections of outcomes the activity no longer has go with them: editing a task's
    /// outcomes changes its ports.
    /// </summary>
    public void SetInput(string id, string name, JsonElement? value)
    {
        if (Definition.FindActivity(id) is not { } activity) return;
        var inputs = new Dictionary<string, JsonElement>(activity.Inputs, StringComparer.Ordinal);
        if (value is { } v) inputs[name] = v.Clone();
        else if (!inputs.Remove(name)) return;
        var changed = activity with { Inputs = inputs };
        var ports = PortsOf(changed);
        Change(Definition with
        {
            Activities = Definition.Activities.Select(a => a.Id == id ? changed : a).ToList(),
            Connections = Definition.Connections.Where(c => c.Source != id || ports.Contains(c.Outcome)).ToList(),
        });
    }

    /// <summary>Renames an activity, with its connections and the inputs of other activities that name it.</summary>
    public bool Rename(string id, string newId)
    {
        if (id == newId || Definition.FindActivity(id) is null || Definition.FindActivity(newId) is not null || !ProcedureValidator.IsSlug(newId)) return false;
        var renamed = JsonSerializer.SerializeToElement(newId);
        Change(Definition with
        {
            Activities = Definition.Activities.Select(a => a with
            {
                Id = a.Id == id ? newId : a.Id,
                Inputs = a.Inputs.ToDictionary(i => i.Key, i => RefersTo(a, i.Key, i.Value, id) ? renamed : i.Value, StringComparer.Ordinal),
            }).ToList(),
            Connections = Definition.Connections.Select(c => new Connection(c.Source == id ? newId : c.Source, c.Outcome, c.Target == id ? newId : c.Target)).ToList(),
        });
        return true;
    }

    public void SetProcedure(string name, string description) =>
        Change(Definition with { Name = name, Description = description });

    /// <summary>The id of a procedure not saved yet.</summary>
    public void SetDefinitionId(string id) => Change(Definition with { DefinitionId = id });

    public void SetChangelog(IReadOnlyList<string> changelog) => Change(Definition with { Metadata = Definition.Metadata with { Changelog = changelog } });

    /// <summary>The store gave the draft its version (it, not the text, decides): not an edit, so nothing to undo.</summary>
    public void Saved(int version) => Definition = Definition with { Version = version };

    public void SetVariables(IReadOnlyList<VariableDefinition> variables) => Change(Definition with { Variables = variables });

    /// <summary>Lays every activity out again (layers from Start).</summary>
    public void Layout() => Change(AutoLayout.Apply(Definition));

    private static bool RefersTo(ActivityDefinition activity, string input, JsonElement value, string id) =>
        value.ValueKind == JsonValueKind.String && value.GetString() == id
        && ActivityRegistry.Find(activity.Type)?.Descriptor.Input(input)?.Kind == InputKind.ActivityRef;

    private void Replace(string id, Func<ActivityDefinition, ActivityDefinition> change)
    {
        if (Definition.FindActivity(id) is null) return;
        var activities = Definition.Activities.Select(a => a.Id == id ? change(a) : a).ToList();
        if (activities.SequenceEqual(Definition.Activities)) return;
        Change(Definition with { Activities = activities });
    }

    // Whole pixels: a drag gives fractions nobody wants to review in a diff.
    private static Position Round(Position p) => new(Math.Round(p.X), Math.Round(p.Y));

    /// <summary>UserTask → user-task.</summary>
    internal static string Slug(string type)
    {
        var chars = new List<char>();
        foreach (var c in type)
        {
            if (char.IsUpper(c) && chars.Count > 0) chars.Add('-');
            if (char.IsLetterOrDigit(c)) chars.Add(char.ToLowerInvariant(c));
        }
        return chars.Count > 0 && char.IsLetter(chars[0]) ? new string([.. chars]) : "activity";
    }
}
