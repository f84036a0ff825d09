using System.Globalization;
using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CloudApproval.Cases.Instances;

/// <summary>
/// Row locks around <see cref="CaseRuntime"/>'s optimistic writes, so that writers of the same rows take turns instead of
/// deadlocking or starving each other.
/// <list type="bullet">
/// <item><b>At write time (server databases).</b> Before SaveChanges writes anything, the rows it is about to change
/// are locked in one global order (table, then key) and their concurrency tokens compared with what was read. Without
/// this, two approvals numbering licences at once deadlocked on PostgreSQL: EF inserts the licence's reminders (unique
/// per licence number) before it updates the one number row of the prefix and year, so each waited for the other's
/// half. Locked first, the second writer waits for the first's commit, then sees the token moved: a lost race, retried
/// at once, with nothing written.</item>
/// <item><b>For a whole attempt, after two lost races.</b> A transition that lost twice would otherwise keep losing to
/// short writers of the same rows (a notice's document issued, a task claimed, a licence numbered); its next attempt
/// holds off other writers of every row the lost attempt changed, from its first read to its commit.</item>
/// </list>
/// The locks are <c>FOR NO KEY UPDATE</c>, the lock an UPDATE takes itself: it does not block inserting a row that
/// refers to the locked one (a foreign key's check takes a key-share lock), nor readers. SQLite admits one writer anyway:
/// there the process's write gate is held across the attempt instead. SQL Server: its retrying execution strategy refuses
/// a transaction begun by the caller, so attempts there stay optimistic (eight of them).
/// </summary>
internal sealed class RowLocks : IAsyncDisposable
{
    private SemaphoreSlim? _gate;
    private readonly IDbContextTransaction? _transaction;

    private RowLocks(SemaphoreSlim? gate, IDbContextTransaction? transaction) => (_gate, _transaction) = (gate, transaction);

    /// <summary>
    /// One row to lock: its table and primary key, with a text to order the locks by; and, when it is about to be
    /// written, its concurrency token column with the value this transaction read.
    /// </summary>
    internal sealed record RowKey(string? Schema, string Table, IReadOnlyList<string> Columns, IReadOnlyList<object?> Values,
        string? TokenColumn = null, object? Token = null)
    {
        public string Order => $"{Schema}.{Table}:{string.Join('|', Values)}";
    }

    /// <summary>
    /// Locks <paramref name="rows"/> (or takes the SQLite write gate); null when there is nothing to lock this way. A row
    /// with a token that no longer holds it (or is gone) is a lost race: <see cref="DbUpdateConcurrencyException"/>.
    /// </summary>
    public static async Task<RowLocks?> TakeAsync(CasesDbContext db, SemaphoreSlim? gate, IReadOnlyList<RowKey> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return null;
        if (gate is not null)
        {
            await gate.WaitAsync(ct);
            return new RowLocks(gate, null);
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
                if (row.TokenColumn is null)
                {
                    var sql = $"SELECT 1 FROM {table} WHERE {where} FOR NO KEY UPDATE";
                    await db.Database.ExecuteSqlRawAsync(sql, row.Values.Cast<object>(), ct);
                    continue;
                }
                var read = $"SELECT {Quoted(row.TokenColumn)} AS \"Value\" FROM {table} WHERE {where} FOR NO KEY UPDATE";
                var stored = await db.Database.SqlQueryRaw<long>(read, [.. row.Values.Cast<object>()]).ToListAsync(ct);
                if (stored.Count != 1 || !Equals(stored[0], Convert.ToInt64(row.Token, CultureInfo.InvariantCulture)))
                    throw new DbUpdateConcurrencyException($"{row.Table} {string.Join('|', row.Values)} was changed by another writer since it was read");
            }
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
        return new RowLocks(null, transaction);
    }

    /// <summary>The rows an attempt that lost its race was changing (not the ones it added): the ones its retry locks.</summary>
    public static IReadOnlyList<RowKey> Written(CasesDbContext db) =>
        [.. db.ChangeTracker.Entries().Where(e => e.State is EntityState.Modified).Select(KeyOf).OfType<RowKey>()];

    /// <summary>
    /// The rows this attempt is about to change, with the tokens it read: locked at write time on a server database
    /// (null elsewhere, and when nothing is changed).
    /// </summary>
    public static Task<RowLocks?> TakeForWriteAsync(CasesDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return Task.FromResult<RowLocks?>(null);
        var rows = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Modified or EntityState.Deleted)
            .Select(e => KeyOf(e) is { } key ? WithToken(key, e) : null)
            .OfType<RowKey>()
            .ToList();
        return TakeAsync(db, null, rows, ct);
    }

    private static RowKey WithToken(RowKey key, EntityEntry entry) =>
        entry.Metadata.GetProperties().FirstOrDefault(p => p.IsConcurrencyToken) is { } token
            ? key with { TokenColumn = token.GetColumnName(StoreObjectIdentifier.Table(key.Table, key.Schema)), Token = entry.Property(token.Name).OriginalValue }
            : key;

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
