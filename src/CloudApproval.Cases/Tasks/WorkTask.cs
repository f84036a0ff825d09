using System.Text.Json;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Cases.Tasks;

/// <summary>A human task in a clerk's inbox, created from the engine's TaskCreated effect.</summary>
public sealed class WorkTask
{
    public long Id { get; set; }
    public required string CaseId { get; set; }
    /// <summary>The engine's id of the task within the case (task-7).</summary>
    public required string LocalId { get; set; }
    public required string ActivityId { get; set; }
    public required string DefinitionId { get; set; }
    public required string Title { get; set; }
    public string? Instructions { get; set; }
    public required string Role { get; set; }
    public required string Department { get; set; }
    public string? Assignee { get; set; }
    public WorkTaskStatus Status { get; set; }
    public int Priority { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DueAt { get; set; }
    public DateOnly? DueDate { get; set; }
    public DateTime? FollowUpAt { get; set; }
    /// <summary>Allowed outcomes, JSON array.</summary>
    public required string OutcomesJson { get; set; }
    /// <summary>Form fields, JSON array.</summary>
    public required string FormJson { get; set; }
    public string? Outcome { get; set; }
    public string? DataJson { get; set; }
    public string? CompletedBy { get; set; }
    public DateTime? ClosedAt { get; set; }
    /// <summary>
    /// On a task another department answers (an opinion request): the material codes shared with it, a JSON array. While
    /// it is open, that department's staff read this slice of the case and nothing else (<c>CaseAccess</c>); null for
    /// the case's own work.
    /// </summary>
    public string? SharedMaterials { get; set; }
    public long RowVersion { get; set; }

    /// <summary>Open or claimed: still waiting for its answer.</summary>
    public bool IsOpen => Status is WorkTaskStatus.Open or WorkTaskStatus.Claimed;

    /// <summary>The <see cref="SharedMaterials"/> column of the engine's task.</summary>
    internal static string? SharedMaterialsOf(TaskRecord task) =>
        task.SharedMaterials is null ? null : JsonSerializer.Serialize(task.SharedMaterials, EngineJson.Options);
}

public enum WorkTaskStatus
{
    Open,
    Claimed,
    Completed,
    Cancelled,
}
