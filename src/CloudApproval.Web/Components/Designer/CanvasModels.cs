using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using CloudApproval.Engine.Activities;
using CloudApproval.Engine.Definitions;

namespace CloudApproval.Web.Components.Designer;

/// <summary>An activity on the canvas: its node id is the activity's id; one entry port, one port per outcome.</summary>
public sealed class ActivityNode : NodeModel
{
    public ActivityNode(ActivityDefinition activity) : base(activity.Id, new Point(activity.Position.X, activity.Position.Y))
    {
        Entry = new EntryPort(this);
        AddPort(Entry);
        Type = activity.Type;
        DisplayName = activity.DisplayName;
    }

    public EntryPort Entry { get; }

    /// <summary>The outcome ports, in the order the activity's type declares them.</summary>
    public List<OutcomePort> Outcomes { get; } = [];

    public string Type { get; private set; }

    public string DisplayName { get; private set; }

    public string? Category { get; private set; }

    public bool HasProblem { get; private set; }

    /// <summary>A mark of a comparison or a test run (added, removed, changed, path), or null.</summary>
    public string? Mark { get; private set; }

    /// <summary>The port of an outcome, added when the activity has it newly.</summary>
    public OutcomePort OutcomePort(string outcome)
    {
        if (Outcomes.FirstOrDefault(p => p.Outcome == outcome) is { } port) return port;
        port = new OutcomePort(this, outcome);
        AddPort(port);
        return port;
    }

    /// <summary>Brings the node in line with its activity; true when what it shows changed.</summary>
    public bool Update(ActivityDefinition activity, ActivityDescriptor? descriptor, bool hasProblem, string? mark)
    {
        var changed = Type != activity.Type || DisplayName != activity.DisplayName || HasProblem != hasProblem || Mark != mark
                      || Category != descriptor?.Category;
        (Type, DisplayName, HasProblem, Mark, Category) = (activity.Type, activity.DisplayName, hasProblem, mark, descriptor?.Category);
        return changed;
    }
}

/// <summary>Where connections arrive.</summary>
public sealed class EntryPort(ActivityNode parent) : PortModel($"{parent.Id}/in", parent, PortAlignment.Left)
{
    public override bool CanAttachTo(ILinkable other) => false;
}

/// <summary>One outcome of an activity: a connection leaves from here to another activity's entry (or the activity itself).</summary>
public sealed class OutcomePort(ActivityNode parent, string outcome) : PortModel($"{parent.Id}/out/{outcome}", parent, PortAlignment.Right)
{
    public string Outcome { get; } = outcome;

    public override bool CanAttachTo(ILinkable other) => other is EntryPort or ActivityNode;
}
