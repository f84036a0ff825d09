using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Efficiency;

/// <summary>
/// A case of a catalogued matter as the dashboard reads it: its matter (the case row's projection of the application that
/// started it), the day it was received, its status, the day it ended (from the engine's state), and its legal clock (the
/// row's projection of the state's clock, where the dates the law counts live: acceptance, suspensions, extension,
/// decision, and on-time as judged when the clock stopped).
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
        try
        {
            // Open cases: the clock column only (an open case has no end); their states are not read at all.
            var open = await ofMatters.Where(c => c.Status == CaseStatus.Running)
                .Select(c => new Row(c.Id, c.MatterCode!, c.CreatedAt, c.Status, c.ClockJson, null)).ToListAsync(ct);
            // Ended ones (those of the period and after it): the end, read out of the state by the database. One query per
            // status, and the cases created after the period dropped here, not in SQL: with a status list or a condition
            // on the creation time, SQLite preferred the (status, creation) index, which walks every case of every
            // procedure that ever ended before the period's end.
            var ended = new List<Row>();
            foreach (var status in Ended)
                ended.AddRange(await ofMatters.Where(c => c.Status == status && c.UpdatedAt >= start)
                    .Select(c => new Row(c.Id, c.MatterCode!, c.CreatedAt, c.Status, c.ClockJson, StoredState.TextOf(c.StateJson, "endedAt"))).ToListAsync(ct));
            return [.. open.Concat(ended.Where(c => c.CreatedAt < end)).Select(Read)];
        }
        catch (DbException ex) when (ex.Message.Contains("JSON", StringComparison.OrdinalIgnoreCase))
        {
            // The database could not read an ended case's state: it is not JSON (tampered with, or a defect).
            throw new CasesException(CasesException.CorruptState, $"a stored case state is not readable JSON ({ex.Message}); the consistency check names the case");
        }
    }

    private sealed record Row(string CaseId, string Matter, DateTime CreatedAt, CaseStatus Status, string? ClockJson, string? EndedAt);

    private static MatterCase Read(Row row)
    {
        try
        {
            var clock = row.ClockJson is { } json ? JsonSerializer.Deserialize<LegalClockState>(json, EngineJson.Options) : null;
            DateOnly? endedOn = row.EndedAt is { } ended ? ChinaTime.DateOf(DateTimeOffset.Parse(ended, CultureInfo.InvariantCulture)) : null;
            return new MatterCase(row.CaseId, row.Matter, ChinaTime.DateOf(new DateTimeOffset(row.CreatedAt, TimeSpan.Zero)), row.Status, endedOn, clock);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw new CasesException(CasesException.CorruptState, $"case {row.CaseId}: its legal clock or end is not readable ({ex.Message}); the consistency check compares them with the state");
        }
    }
}
