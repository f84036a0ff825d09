using System.Text.Json;
using CloudApproval.Engine.Definitions;

namespace CloudApproval.Engine.Activities;

/// <summary>
/// What an activity type declares about itself: its inputs, outputs and outcome ports. The validator, the JSON
/// schema and the designer's toolbox are all generated from these declarations.
/// </summary>
/// <param name="Type">Type name used in definitions.</param>
/// <param name="Category">Toolbox group.</param>
/// <param name="Description">What it does, for analysts.</param>
/// <param name="Inputs">Declared inputs, in canonical order.</param>
/// <param name="Ports">Fixed outcome ports (some present only when an input is set).</param>
/// <param name="Outputs">Values it produces.</param>
/// <param name="PortsFromInput">An input whose values are further ports (a task's outcomes, a decision's branches).</param>
public sealed record ActivityDescriptor(
    string Type,
    string Category,
    string Description,
    IReadOnlyList<InputDescriptor> Inputs,
    IReadOnlyList<PortDescriptor> Ports,
    IReadOnlyList<OutputDescriptor> Outputs,
    string? PortsFromInput = null)
{
    /// <summary>The declared input, or null.</summary>
    public InputDescriptor? Input(string name) => Inputs.FirstOrDefault(i => i.Name == name);

    /// <summary>The outcome ports of one activity of this type, given its inputs.</summary>
    public IReadOnlyList<string> PortsOf(ActivityDefinition activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var ports = new List<string>();
        if (PortsFromInput is not null && activity.Input(PortsFromInput) is { ValueKind: JsonValueKind.Array } list)
        {
            foreach (var item in list.EnumerateArray())
            {
                var name = item.ValueKind switch
                {
                    JsonValueKind.String => item.GetString(),
                    JsonValueKind.Object when item.TryGetProperty("port", out var p) && p.ValueKind == JsonValueKind.String => p.GetString(),
                    _ => null,
                };
                if (name is not null && !ports.Contains(name)) ports.Add(name);
            }
        }
        foreach (var port in Ports)
            if ((port.WhenInput is null || activity.Inputs.ContainsKey(port.WhenInput))
                && (port.UnlessInputs is null || !port.UnlessInputs.Any(activity.Inputs.ContainsKey)) && !ports.Contains(port.Name))
                ports.Add(port.Name);
        return ports;
    }
}

/// <summary>A declared input.</summary>
/// <param name="Name">Key in the activity's <c>inputs</c>.</param>
/// <param name="Kind">Its type.</param>
/// <param name="Required">Whether it must be given.</param>
/// <param name="Description">What it means.</param>
/// <param name="Choices">Allowed values for <see cref="InputKind.Choice"/>.</param>
public sealed record InputDescriptor(string Name, InputKind Kind, bool Required, string Description, IReadOnlyList<string>? Choices = null);

/// <summary>A fixed outcome port.</summary>
/// <param name="Name">Port name used in connections.</param>
/// <param name="Description">When the flow leaves by it.</param>
/// <param name="WhenInput">The port exists only when this input is set (e.g. <c>expired</c> needs a <c>deadline</c>).</param>
/// <param name="UnlessInputs">The port does not exist when one of these inputs is set (a task with a <c>defaultOutcome</c> or an
/// <c>escalateTo</c> never leaves by <c>expired</c>: its deadline completes or escalates it).</param>
public sealed record PortDescriptor(string Name, string Description, string? WhenInput = null, IReadOnlyList<string>? UnlessInputs = null);

/// <summary>A declared output.</summary>
/// <param name="Name">Name.</param>
/// <param name="Description">What it holds and where it goes.</param>
public sealed record OutputDescriptor(string Name, string Description);

/// <summary>Types of activity inputs.</summary>
public enum InputKind
{
    /// <summary>Non-empty text.</summary>
    Text,
    /// <summary>A whole number, or <c>$variable</c>.</summary>
    Integer,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>Working days, <c>5wd</c>, or <c>$variable</c>.</summary>
    WorkingDays,
    /// <summary>
    /// Calendar years, months or whole days, <c>5y</c>/<c>6mo</c>/<c>1825d</c>, or <c>$variable</c> (a licence's validity:
    /// never less than a day).
    /// </summary>
    CalendarPeriod,
    /// <summary>A list of working-day durations, e.g. <c>["3wd","1wd"]</c>.</summary>
    WorkingDaysList,
    /// <summary>Either kind of duration, or <c>$variable</c>.</summary>
    Duration,
    /// <summary>Working days (<c>45wd</c>) or calendar days (<c>60d</c>), or <c>$variable</c>: a limit that carries its day kind.</summary>
    Days,
    /// <summary>A role slug (who may claim a task).</summary>
    Role,
    /// <summary>A department slug, or <c>$variable</c>.</summary>
    Department,
    /// <summary>A JavaScript expression over vars, input and case.</summary>
    Expression,
    /// <summary>A list of form fields.</summary>
    FormFields,
    /// <summary>A list of outcome names (slugs), each a port.</summary>
    Outcomes,
    /// <summary>A list of {port, condition} pairs.</summary>
    Branches,
    /// <summary>One of fixed values.</summary>
    Choice,
    /// <summary>The id of another activity in the definition.</summary>
    ActivityRef,
    /// <summary>The name of a declared variable.</summary>
    VariableRef,
    /// <summary>The name of a declared <c>json</c> variable that receives an object (form data, an event payload).</summary>
    ObjectVariableRef,
}
