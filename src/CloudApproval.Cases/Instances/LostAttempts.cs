using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudApproval.Cases.Instances;

/// <summary>
/// What each lost attempt of one operation lost on (the row whose token moved, the unique index two inserts hit, the
/// lock that met another writer's). A retry that wins needs no record; an operation that gives up tells the operator
/// which rows kept it from committing, which is what decides whether a lock, a shorter writer or a schema change helps.
/// </summary>
internal sealed class LostAttempts(ILogger logger, string actor)
{
    private readonly List<string> _losses = [];

    public void Add(int attempt, bool locked, Exception lost)
    {
        var what = FormattableString.Invariant($"attempt {attempt}{(locked ? " (locked)" : "")}: {Describe(lost)}");
        _losses.Add(what);
        logger.LogDebug("An operation by {Actor} lost a race and is retried: {Loss}", actor, what);
    }

    /// <summary>The error the caller gets once every attempt lost, after the operator got the list in the log.</summary>
    public CasesException GaveUp(int attempts)
    {
        logger.LogWarning("An operation by {Actor} gave up after {Attempts} lost races: {Losses}", actor, attempts, string.Join("; ", _losses));
        return new CasesException("concurrent-change", $"the case kept changing under {attempts} attempts; try again");
    }

    private static string Describe(Exception lost) => lost switch
    {
        DbUpdateConcurrencyException { Entries.Count: > 0 } concurrency =>
            "row changed by another writer: " + string.Join(", ", concurrency.Entries.Select(e => $"{e.Metadata.GetTableName()} {KeyOf(e)}")),
        DbUpdateException { InnerException: PostgresException pg } => $"{pg.SqlState} on {pg.TableName ?? "?"} {pg.ConstraintName}".TrimEnd(),
        DbUpdateException { InnerException: SqliteException sqlite } => $"SQLite {sqlite.SqliteExtendedErrorCode}: {sqlite.Message}",
        DbUpdateException update => update.InnerException?.Message ?? update.Message,
        PostgresException pg => $"lock {pg.SqlState}: {pg.MessageText}",
        _ => lost.Message,
    };

    private static string KeyOf(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        entry.Metadata.FindPrimaryKey() is { } key ? string.Join("|", key.Properties.Select(p => entry.Property(p.Name).OriginalValue)) : "?";
}
