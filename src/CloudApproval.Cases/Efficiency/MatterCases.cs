using System.Text.Json;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Efficiency;

/// <summary>
/// A case of a catalogued matter as the dashboard reads it: its matter (from the application that started it), the day it
/// was received, its status, the day it ended, and its legal clock (from the engine's state, where the dates the law
/// counts live: acceptance, suspensions, extension, decision, and on-time as judged when the clock stopped).
/// </summary>
internal sealed record MatterCase(string CaseId, string Matter, DateOnly ReceivedOn, CaseStatus Status, DateOnly? EndedOn, LegalClockState? Clock)
{
    /// <summary>Decided: the legal clock stopped.</summary>
    public DateOnly? DecidedOn => Clock is { Status: ClockStatus.Stopped } ? Clock.StoppedOn : null;

    /// <summary>Closed (办结): decided, or completed without a decision (not accepted, withdrawn).</summary>
    public DateOnly? ClosedOn => DecidedOn ?? (Status == CaseStatus.Completed ? EndedOn : null);

    /// <summary>Still to be decided: running with no stopped clock (a case in its after-decision verification is not).</summary>
    public bool IsOpen => Status == CaseStatus.Running && DecidedOn is null;
}

internal static class MatterCases
{
    /// <summary>Every status but running: a case that ended.</summary>
    private static readonly CaseStatus[] Ended = [.. Enum.GetValues<CaseStatus>().Where(s => s != CaseStatus.Running)];

    /// <summary>
    /// The cases of <paramref name="matters"/> the figures need: every open one (the backlog, whenever received) and those
    /// that ended after the period began (a case whose last change came before the period has nothing in it). Both are
    /// ranges of the (matter, status, last change) index, so neither the matter's older history nor other cases are read.
    /// </summary>
    public static async Task<List<MatterCase>> ReadAsync(CasesDbContext db, IReadOnlyCollection<string> matters, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var codes = matters.ToList();
        var start = ChinaTime.StartOf(from).UtcDateTime;
        var end = ChinaTime.StartOf(to.AddDays(1)).UtcDateTime;
        var ofMatters = db.Cases.AsNoTracking().Where(c => c.MatterCode != null && codes.Contains(c.MatterCode));
        var open = await ofMatters.Where(c => c.Status == CaseStatus.Running)
            .Select(c => new { MatterCode = c.MatterCode!, c.Id, c.Status, c.CreatedAt, c.StateJson }).ToListAsync(ct);
        var ended = await ofMatters.Where(c => Ended.Contains(c.Status) && c.UpdatedAt >= start && c.CreatedAt < end)
            .Select(c => new { MatterCode = c.MatterCode!, c.Id, c.Status, c.CreatedAt, c.StateJson }).ToListAsync(ct);
        return [.. open.Concat(ended).Select(x => Read(x.Id, x.MatterCode, x.CreatedAt, x.Status, x.StateJson))];
    }

    private static MatterCase Read(string caseId, string matter, DateTime createdAt, CaseStatus status, string stateJson)
    {
        try
        {
            // Only the clock and the end are needed: the rest of the state (tasks, variables, tokens) is not bound.
            using var state = JsonDocument.Parse(stateJson);
            var root = state.RootElement;
            var clock = root.TryGetProperty("clock", out var c) && c.ValueKind == JsonValueKind.Object ? c.Deserialize<LegalClockState>(EngineJson.Options) : null;
            DateOnly? endedOn = root.TryGetProperty("endedAt", out var e) && e.ValueKind == JsonValueKind.String ? ChinaTime.DateOf(e.GetDateTimeOffset()) : null;
            return new MatterCase(caseId, matter, ChinaTime.DateOf(new DateTimeOffset(createdAt, TimeSpan.Zero)), status, endedOn, clock);
        }
        catch (JsonException ex)
        {
            throw new CasesException(CasesException.CorruptState, $"case {caseId}: its stored state is not readable ({ex.Message})");
        }
    }
}
