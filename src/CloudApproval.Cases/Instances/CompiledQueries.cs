using System.Collections.Concurrent;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CloudApproval.Cases.Instances;

/// <summary>
/// The reads every transition makes, compiled once: a LINQ query pays for building, parameterising and looking up its
/// expression tree on every call, which costs about as much as running it on SQLite.
/// </summary>
internal static class CompiledQueries
{
    /// <summary>The case to change, tracked.</summary>
    public static Task<Case?> CaseAsync(CasesDbContext db, string caseId, CancellationToken ct) =>
        CaseById.For(db)(db, caseId, ct);

    /// <summary>A task and its case in one round trip, both tracked (null when the task does not exist).</summary>
    public static Task<TaskAndCase?> TaskAndCaseAsync(CasesDbContext db, long taskId, CancellationToken ct) =>
        TaskWithCase.For(db)(db, taskId, ct);

    /// <summary>The highest published version of a procedure, or null when none is published.</summary>
    public static Task<int?> LatestPublishedAsync(CasesDbContext db, string definitionId, CancellationToken ct) =>
        LatestPublished.For(db)(db, definitionId, ct);

    private static readonly PerModel<Func<CasesDbContext, string, CancellationToken, Task<Case?>>> CaseById = new(() =>
        EF.CompileAsyncQuery((CasesDbContext db, string id, CancellationToken ct) =>
            db.Cases.SingleOrDefault(c => c.Id == id)));

    private static readonly PerModel<Func<CasesDbContext, long, CancellationToken, Task<TaskAndCase?>>> TaskWithCase = new(() =>
        EF.CompileAsyncQuery((CasesDbContext db, long id, CancellationToken ct) =>
            db.Tasks.Where(t => t.Id == id)
                .Join(db.Cases, t => t.CaseId, c => c.Id, (t, c) => new TaskAndCase(t, c))
                .SingleOrDefault()));

    private static readonly PerModel<Func<CasesDbContext, string, CancellationToken, Task<int?>>> LatestPublished = new(() =>
        EF.CompileAsyncQuery((CasesDbContext db, string id, CancellationToken ct) =>
            db.ProcedureVersions
                .Where(v => v.DefinitionId == id && v.Status == ProcedureVersionStatus.Published)
                .Max(v => (int?)v.Version)));

    /// <summary>
    /// A compiled query is bound to the model it first ran on and refuses any other; one per model keeps it valid in a
    /// process that opens both providers.
    /// </summary>
    private sealed class PerModel<T>(Func<T> compile) where T : class
    {
        private readonly ConcurrentDictionary<IModel, T> _byModel = new();

        public T For(DbContext db) => _byModel.GetOrAdd(db.Model, _ => compile());
    }
}

/// <summary>A task with the case it belongs to.</summary>
internal sealed record TaskAndCase(WorkTask Task, Case Case);
