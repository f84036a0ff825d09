using Blazor.Diagrams;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Behaviors;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Blazor.Diagrams.Options;
using CloudApproval.Engine.Activities;
using CloudApproval.Engine.Definitions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace CloudApproval.Web.Components.Designer;

/// <summary>
/// Draws a <see cref="DesignerDocument"/> and turns what is done on the canvas (connect, move, delete, select, drop
/// from the toolbox) into edits of it. The document is the truth: after every change the canvas is brought in line
/// with it (<see cref="Sync"/>), so undo, automatic layout and the property panel need nothing of the canvas.
/// </summary>
public sealed partial class DesignerCanvas : IDisposable
{
    private readonly BlazorDiagram _diagram;
    private bool _syncing;
    private bool _fitPending;

    public DesignerCanvas()
    {
        var options = new BlazorDiagramOptions { GridSize = 10, AllowMultiSelection = true };
        options.Zoom.Minimum = 0.2;
        options.Links.RequireTarget = true;
        options.Links.Factory = (_, source, target) => source is OutcomePort port
            ? new LinkModel(new SinglePortAnchor(port), target) { TargetMarker = LinkMarker.Arrow }
            : null;
        _diagram = new BlazorDiagram(options);
        _diagram.RegisterComponent<ActivityNode, ActivityNodeWidget>();
        _diagram.Links.Added += link => link.TargetAttached += OnLinkAttached;
        _diagram.Links.Removed += OnLinkRemoved;
        _diagram.Nodes.Removed += OnNodeRemoved;
        _diagram.SelectionChanged += OnSelectionChanged;
        var keys = _diagram.GetBehavior<KeyboardShortcutsBehavior>()!;
        keys.SetShortcut("z", ctrl: true, shift: false, alt: false, _ => new ValueTask(Dispatch(OnUndo.InvokeAsync)));
        keys.SetShortcut("y", ctrl: true, shift: false, alt: false, _ => new ValueTask(Dispatch(OnRedo.InvokeAsync)));
    }

    [Parameter, EditorRequired] public DesignerDocument Document { get; set; } = null!;

    /// <summary>Activities the validator found a problem in: marked on the canvas.</summary>
    [Parameter] public IReadOnlySet<string> Problems { get; set; } = new HashSet<string>();

    /// <summary>Marks by activity: a test run's path, a comparison's added, removed and changed activities.</summary>
    [Parameter] public IReadOnlyDictionary<string, string> Marks { get; set; } = new Dictionary<string, string>();

    /// <summary>Shown, not edited (a comparison): nothing moves, connects or is deleted.</summary>
    [Parameter] public bool ReadOnly { get; set; }

    [Parameter] public string? Selected { get; set; }

    [Parameter] public EventCallback<string?> SelectedChanged { get; set; }

    /// <summary>The document was changed on the canvas.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    /// <summary>The activity type being dragged from the toolbox, if any.</summary>
    [Parameter] public string? Dragged { get; set; }

    [Parameter] public EventCallback OnUndo { get; set; }

    [Parameter] public EventCallback OnRedo { get; set; }

    protected override void OnInitialized() => _fitPending = Document.Definition.Activities.Count > 0;

    protected override void OnParametersSet()
    {
        Sync();
        if (Selected is not null && _diagram.Nodes.FirstOrDefault(n => n.Id == Selected) is { Selected: false } node)
        {
            // The page chose it (a problem clicked): the selection events this raises are not the user's.
            _syncing = true;
            try
            {
                _diagram.SelectModel(node, unselectOthers: true);
            }
            finally
            {
                _syncing = false;
            }
        }
    }

    /// <summary>Fits every activity (or the selected ones) into view.</summary>
    public void Fit() => _diagram.ZoomToFit(40);

    public void ZoomBy(double factor) => _diagram.SetZoom(Math.Clamp(_diagram.Zoom * factor, 0.2, 3));

    /// <summary>The middle of what is visible, in the definition's coordinates: where a clicked toolbox entry goes.</summary>
    public Position VisibleCentre()
    {
        if (_diagram.Container is not { } box) return new Position(100, 100);
        var centre = _diagram.GetRelativeMousePoint(box.Left + box.Width / 2, box.Top + box.Height / 2);
        return new Position(centre.X - 90, centre.Y - 40);
    }

    private async Task DropAsync(DragEventArgs e)
    {
        if (Dragged is null || _diagram.Container is null) return;
        var at = _diagram.GetRelativeMousePoint(e.ClientX, e.ClientY);
        var id = Document.Add(Dragged, new Position(at.X - 90, at.Y - 20));
        await SelectedChanged.InvokeAsync(id);
        await Changed.InvokeAsync();
    }

    /// <summary>Brings the canvas in line with the document: nodes, their ports, marks and positions, and the connections.</summary>
    private void Sync()
    {
        var definition = Document.Definition;
        _syncing = true;
        try
        {
            _diagram.Batch(() =>
            {
                var activities = new Dictionary<string, ActivityDefinition>(StringComparer.Ordinal);
                foreach (var a in definition.Activities) activities.TryAdd(a.Id, a);
                foreach (var stale in _diagram.Nodes.Where(n => n is not ActivityNode || !activities.ContainsKey(n.Id)).ToList())
                    _diagram.Nodes.Remove(stale);
                foreach (var activity in activities.Values) SyncNode(activity);
                SyncLinks(definition);
            });
        }
        finally
        {
            _syncing = false;
        }
    }

    private void SyncNode(ActivityDefinition activity)
    {
        if (_diagram.Nodes.FirstOrDefault(n => n.Id == activity.Id) is not ActivityNode node)
        {
            node = _diagram.Nodes.Add(new ActivityNode(activity));
            node.Moved += OnNodeMoved;
            node.SizeChanged += OnNodeSized;
        }
        var descriptor = ActivityRegistry.Find(activity.Type)?.Descriptor;
        var changed = node.Update(activity, descriptor, Problems.Contains(activity.Id), Marks.GetValueOrDefault(activity.Id));
        node.Locked = ReadOnly;
        foreach (var port in node.Ports) port.Locked = ReadOnly;
        var outcomes = DesignerDocument.PortsOf(activity);
        if (!node.Outcomes.Select(p => p.Outcome).SequenceEqual(outcomes))
        {
            foreach (var gone in node.Outcomes.Where(p => !outcomes.Contains(p.Outcome)).ToList())
            {
                _diagram.Links.Remove(gone.Links.ToList());
                node.RemovePort(gone);
                node.Outcomes.Remove(gone);
            }
            var ordered = outcomes.Select(node.OutcomePort).ToList();
            node.Outcomes.Clear();
            node.Outcomes.AddRange(ordered);
            // The rows moved: every port measures itself again.
            node.ReinitializePorts();
            changed = true;
        }
        if (node.Position.X != activity.Position.X || node.Position.Y != activity.Position.Y)
            node.SetPosition(activity.Position.X, activity.Position.Y);
        else if (changed) node.Refresh();
    }

    private void SyncLinks(ProcedureDefinition definition)
    {
        var wanted = new Dictionary<(string, string), string>();
        foreach (var c in definition.Connections) wanted.TryAdd((c.Source, c.Outcome), c.Target);
        var drawn = new HashSet<(string, string)>();
        foreach (var link in _diagram.Links.Where(l => l.IsAttached).ToList())
        {
            var key = link.Source.Model is OutcomePort port ? ((port.Parent.Id, port.Outcome)) : default;
            var fits = key != default && !drawn.Contains(key) && wanted.TryGetValue(key, out var target)
                       && link.Target.Model is EntryPort entry && entry.Parent.Id == target;
            if (fits) drawn.Add(key);
            else _diagram.Links.Remove(link);
        }
        foreach (var ((source, outcome), target) in wanted)
        {
            if (drawn.Contains((source, outcome))) continue;
            if (_diagram.Nodes.FirstOrDefault(n => n.Id == source) is not ActivityNode from
                || from.Outcomes.FirstOrDefault(p => p.Outcome == outcome) is not { } port
                || _diagram.Nodes.FirstOrDefault(n => n.Id == target) is not ActivityNode to) continue;
            _diagram.Links.Add(new LinkModel(new SinglePortAnchor(port), new SinglePortAnchor(to.Entry)) { TargetMarker = LinkMarker.Arrow, Locked = ReadOnly });
        }
    }

    /// <summary>A link drawn with the mouse from an outcome to an activity (its entry, or anywhere on it).</summary>
    private void OnLinkAttached(BaseLinkModel link)
    {
        if (link.Source.Model is not OutcomePort port) return;
        var target = link.Target.Model switch
        {
            EntryPort entry => entry.Parent.Id,
            ActivityNode node => node.Id,
            _ => null,
        };
        if (target is null) return;
        Document.Connect(port.Parent.Id, port.Outcome, target);
        _ = Dispatch(Changed.InvokeAsync);
    }

    private void OnLinkRemoved(BaseLinkModel link)
    {
        if (_syncing || !link.IsAttached || link.Source.Model is not OutcomePort port) return;
        Document.Disconnect(port.Parent.Id, port.Outcome);
        _ = Dispatch(Changed.InvokeAsync);
    }

    private void OnNodeRemoved(NodeModel node)
    {
        if (_syncing) return;
        Document.Remove([node.Id]);
        _ = Dispatch(Changed.InvokeAsync);
    }

    private void OnNodeMoved(MovableModel node)
    {
        Document.Move(node.Id, new Position(node.Position.X, node.Position.Y));
        _ = Dispatch(Changed.InvokeAsync);
    }

    /// <summary>Once every node of the procedure opened has measured itself, the whole procedure is fitted into view.</summary>
    private void OnNodeSized(NodeModel node)
    {
        if (!_fitPending || _diagram.Nodes.Any(n => n.Size is null)) return;
        _fitPending = false;
        Fit();
    }

    private void OnSelectionChanged(SelectableModel model)
    {
        if (_syncing) return;
        var selected = _diagram.Nodes.Where(n => n.Selected).Select(n => n.Id).ToList();
        var id = selected.Count == 1 ? selected[0] : null;
        if (id == Selected) return;
        _ = Dispatch(() => SelectedChanged.InvokeAsync(id));
    }

    // Canvas events arrive inside the diagram's handlers: the page hears of them through the renderer's dispatcher.
    private Task Dispatch(Func<Task> action) => InvokeAsync(action);

    public void Dispose()
    {
        foreach (var node in _diagram.Nodes)
        {
            node.Moved -= OnNodeMoved;
            node.SizeChanged -= OnNodeSized;
        }
    }
}
