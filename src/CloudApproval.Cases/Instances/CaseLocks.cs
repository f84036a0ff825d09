using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CloudApproval.Cases.Instances;

/// <summary>
/// The pessimistic fallback of <see cref="CaseRuntime"/>'s optimistic concurrency. A transition that lost the race for a
/// case twice would otherwise keep losing to short writers of the same case (its notices' documents being issued, a
/// task claimed) and give up; its next attempt holds off other writers of those cases from its first read to its commit.
/// <list type="bullet">
/// <item>SQLite: the process's write gate, held across the attempt (SQLite admits one writer anyway).</item>
/// <item>PostgreSQL: the cases' rows locked with <c>SELECT … FOR UPDATE</c>, in id order so that two lockers cannot
/// deadlock, in a transaction the write commits. Readers are not blocked.</item>
/// <item>SQL Server: its retrying execution strategy refuses a transaction begun by the caller, so attempts there stay
/// optimistic (eight of them, as before).</item>
/// </list>
/// </summary>
internal sealed class CaseLocks : IAsyncDisposable
{
    private SemaphoreSlim? _gate;
    private readonly IDbContextTransaction? _transaction;

    private CaseLocks(SemaphoreSlim? gate, IDbContextTransaction? transaction) => (_gate, _transaction) = (gate, transaction);

    /// <summary>Locks <paramref name="cases"/> (or takes the SQLite write gate); null when there is nothing to lock this way.</summary>
    public static async Task<CaseLocks?> TakeAsync(CasesDbContext db, SemaphoreSlim? gate, IReadOnlyList<string> cases, CancellationToken ct)
    {
        if (cases.Count == 0) return null;
        if (gate is not null)
        {
            await gate.WaitAsync(ct);
            return new CaseLocks(gate, null);
        }
        if (!db.Database.IsNpgsql()) return null;
        var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            foreach (var id in cases.Order(StringComparer.Ordinal))
                await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Cases\" WHERE \"Id\" = {id} FOR UPDATE", ct);
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
        return new CaseLocks(null, transaction);
    }

    /// <summary>The cases an attempt that lost its race was writing: the ones its retry locks.</summary>
    public static IReadOnlyList<string> Written(CasesDbContext db) =>
        [.. db.ChangeTracker.Entries<Case>().Where(e => e.State is EntityState.Modified).Select(e => e.Entity.Id)];

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
