using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CloudApproval.Cases.Instances;

/// <summary>
/// The pessimistic fallback of <see cref="CaseRuntime"/>'s optimistic concurrency. A transition that lost its race twice
/// would otherwise keep losing to short writers of the same rows and give up. Those writers are its case's (the notices'
/// documents being issued, a task claimed) or the city's (the one licence-number row of a prefix and year that every
/// approval increments). Its next attempt holds off other writers of every row the lost attempt changed, from its first
/// read to its commit.
/// <list type="bullet">
/// <item>SQLite: the process's write gate, held across the attempt (SQLite admits one writer anyway).</item>
/// <item>PostgreSQL: those rows locked with <c>SELECT … FOR UPDATE</c>, in table and key order so that two lockers
/// cannot deadlock, in a transaction the write commits. Readers are not blocked.</item>
/// <item>SQL Server: its retrying execution strategy refuses a transaction begun by the caller, so attempts there stay
/// optimistic (eight of them, as before).</item>
/// </list>
/// </summary>
internal sealed class CaseLocks : IAsyncDisposable
{
    private SemaphoreSlim? _gate;
    private readonly IDbContextTransaction? _transaction;

    private CaseLocks(SemaphoreSlim? gate, IDbContextTransaction? transaction) => (_gate, _transaction) = (gate, transaction);

    /// <summary>One row to lock: its table and primary key, with a text to order the locks by.</summary>
    internal sealed record RowKey(string? Schema, string Table, IReadOnlyList<string> Columns, IReadOnlyList<object?> Values)
    {
        public string Order => $"{Schema}.{Table}:{string.Join('|', Values)}";
    }

    /// <summary>Locks <paramref name="rows"/> (or takes the SQLite write gate); null when there is nothing to lock this way.</summary>
    public static async Task<CaseLocks?> TakeAsync(CasesDbContext db, SemaphoreSlim? gate, IReadOnlyList<RowKey> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return null;
        if (gate is not null)
        {
            await gate.WaitAsync(ct);
            return new CaseLocks(gate, null);
        }
        if (!db.Database.IsNpgsql()) return null;
        var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            foreach (var row in rows.OrderBy(r => r.Order, StringComparer.Ordinal))
            {
                var table = row.Schema is null ? Quoted(row.Table) : $"{Quoted(row.Schema)}.{Quoted(row.Table)}";
                var where = string.Join(" AND ", row.Columns.Select((column, i) => $"{Quoted(column)} = {{{i}}}"));
                // Names from the EF model, quoted; the key values are parameters.
                var sql = $"SELECT 1 FROM {table} WHERE {where} FOR UPDATE";
                await db.Database.ExecuteSqlRawAsync(sql, row.Values.Cast<object>(), ct);
            }
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
        return new CaseLocks(null, transaction);
    }

    /// <summary>The rows an attempt that lost its race was changing (not the ones it added): the ones its retry locks.</summary>
    public static IReadOnlyList<RowKey> Written(CasesDbContext db) =>
        [.. db.ChangeTracker.Entries().Where(e => e.State is EntityState.Modified).Select(KeyOf).OfType<RowKey>()];

    private static RowKey? KeyOf(EntityEntry entry)
    {
        var type = entry.Metadata;
        if (type.GetTableName() is not { } table || type.FindPrimaryKey() is not { } key) return null;
        var store = StoreObjectIdentifier.Table(table, type.GetSchema());
        var columns = key.Properties.Select(p => p.GetColumnName(store)).ToList();
        if (columns.Any(c => c is null)) return null;
        return new RowKey(type.GetSchema(), table, columns!, [.. key.Properties.Select(p => entry.Property(p.Name).OriginalValue)]);
    }

    private static string Quoted(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Commits the locking transaction (after SaveChanges wrote in it) and lets other writers in.</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        if (_transaction is not null) await _transaction.CommitAsync(ct);
        Release();
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null) await _transaction.DisposeAsync();
        Release();
    }

    private void Release()
    {
        _gate?.Release();
        _gate = null;
    }
}
