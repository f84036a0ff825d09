using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CloudApproval.Engine.Json;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Simulation;

/// <summary>
/// A scripted run of a procedure on a simulated clock (<c>workflows/&lt;id&gt;/scenarios/*.json</c>): task outcomes,
/// events and elapsed time, with expectations checked along the way and at the end.
/// </summary>
public sealed record Scenario
{
    /// <summary>What the scenario shows.</summary>
    public required string Name { get; init; }
    /// <summary>Longer explanation.</summary>
    public string? Description { get; init; }
    /// <summary>Simulated start time (with offset, e.g. 2026-03-02T09:00:00+08:00).</summary>
    public required DateTimeOffset Start { get; init; }
    /// <summary>Start input.</summary>
    public JsonObject? Input { get; init; }
    /// <summary>The script.</summary>
    public IReadOnlyList<ScenarioStep> Steps { get; init; } = [];
    /// <summary>Expected end state.</summary>
    public required ScenarioExpectation Expect { get; init; }

    private static readonly JsonSerializerOptions ReadOptions = new(EngineJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Reads a scenario; errors name the file and JSON path.</summary>
    public static Scenario Parse(string json, string file)
    {
        try
        {
            using var document = StrictJson.Parse(json);
            return document.Deserialize<Scenario>(ReadOptions) ?? throw new ScenarioException($"{file}: empty scenario");
        }
        catch (StrictJsonException ex)
        {
            throw new ScenarioException($"{file}: {ex.Describe()}");
        }
        catch (JsonException ex)
        {
            throw new ScenarioException($"{file}: {ex.Path ?? "$"}: {ex.Message.Split(" Path:")[0]}");
        }
    }
}

/// <summary>
/// One step; exactly one of <see cref="Complete"/>, <see cref="Event"/>, <see cref="Advance"/>, <see cref="AdvanceTo"/>,
/// <see cref="Calendar"/> or <see cref="Check"/> is set.
/// </summary>
public sealed record ScenarioStep
{
    /// <summary>Complete the open task of this activity.</summary>
    public string? Complete { get; init; }
    /// <summary>The outcome for <see cref="Complete"/>.</summary>
    public string? Outcome { get; init; }
    /// <summary>Form data for <see cref="Complete"/>.</summary>
    public JsonObject? Data { get; init; }
    /// <summary>Who completes it.</summary>
    public string? By { get; init; }
    /// <summary>With <see cref="Complete"/>: the open task of this department (the branches of a ForEachParallel share one activity).</summary>
    public string? Department { get; init; }
    /// <summary>Send this event.</summary>
    public string? Event { get; init; }
    /// <summary>Payload of <see cref="Event"/>.</summary>
    public JsonObject? Payload { get; init; }
    /// <summary>Let time pass (5wd = to the same time on the 5th working day; or 3d, 4h, ...); due timers fire in order.</summary>
    public string? Advance { get; init; }
    /// <summary>Let time pass to an instant.</summary>
    public DateTimeOffset? AdvanceTo { get; init; }
    /// <summary>
    /// A year's calendar published or corrected now, written as a calendar file (<c>{"year":2027,"daysOff":[...],
    /// "extraWorkingDays":[...]}</c>): it replaces that year from here on, and every running instance is recounted on it.
    /// </summary>
    public JsonObject? Calendar { get; init; }
    /// <summary>Check the state now.</summary>
    public ScenarioExpectation? Check { get; init; }
    /// <summary>The step must be refused with this rejection code (an unhappy path that must change nothing).</summary>
    public string? ExpectRejection { get; init; }
}

/// <summary>Expectations; only what is set is checked.</summary>
public sealed record ScenarioExpectation
{
    /// <summary>running, completed or faulted.</summary>
    public string? Status { get; init; }
    /// <summary>The final outcome.</summary>
    public string? Outcome { get; init; }
    /// <summary>Activity ids of the open tasks, in any order.</summary>
    public IReadOnlyList<string>? OpenTasks { get; init; }
    /// <summary>Due dates (yyyy-MM-dd) of open tasks by activity id.</summary>
    public IReadOnlyDictionary<string, DateOnly>? TaskDue { get; init; }
    /// <summary>The legal clock's due date; null in the file is not checked.</summary>
    public DateOnly? ClockDue { get; init; }
    /// <summary>running, suspended or stopped.</summary>
    public string? ClockStatus { get; init; }
    /// <summary>The legal clock's promised due date (承诺时限).</summary>
    public DateOnly? PromisedDue { get; init; }
    /// <summary>Whether the clock's due dates are provisional (a year without a calendar).</summary>
    public bool? ClockProvisional { get; init; }
    /// <summary>Once stopped: whether the decision came within the legal limit.</summary>
    public bool? OnTimeLegal { get; init; }
    /// <summary>Once stopped: whether the decision came within the promised limit.</summary>
    public bool? OnTimePromised { get; init; }
    /// <summary>Notice types that must have been sent so far.</summary>
    public IReadOnlyList<string>? NoticesSent { get; init; }
    /// <summary>Milestones that must have been reached, with their days (yyyy-MM-dd).</summary>
    public IReadOnlyDictionary<string, DateOnly>? Milestones { get; init; }
    /// <summary>Open tasks by department, e.g. {"planning": 1}: how many tasks each department has open (ForEachParallel branches).</summary>
    public IReadOnlyDictionary<string, int>? OpenTasksByDepartment { get; init; }
}

/// <summary>A scenario that cannot be read or run.</summary>
public sealed class ScenarioException(string message) : Exception(message);
