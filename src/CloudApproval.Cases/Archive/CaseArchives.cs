using CloudApproval.Cases.Blobs;
using CloudApproval.Cases.Documents;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CloudApproval.Cases.Archive;

/// <summary>A produced archive package: open it to read the zip.</summary>
public sealed record ArchivePackage(string CaseId, string FileName, string Sha256, long Size, string Department, string SealId, DateTime ProducedAt, Func<Stream> Open);

/// <summary>
/// The archive (归档) of closed cases, for auditors: produced once per closed case (by the recurring sweep, or on the
/// first request), stored content-addressed like uploads, and served as it was produced ever after.
/// </summary>
public sealed class CaseArchives(CasesDbFactory factory, IBlobStore blobs, BuildArchive builder, TimeProvider time, ILogger<CaseArchives> logger)
{
    /// <summary>The package of a closed case (of its root, for a sub-procedure's id): auditors and admins only.</summary>
    public async Task<ArchivePackage> GetAsync(string caseId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("download a case archive", ActorRoles.Auditor, ActorRoles.Admin);
        Case root;
        await using (var db = factory.CreateDbContext())
        {
            var rootId = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.RootCaseId).SingleOrDefaultAsync(cancellationToken)
                ?? throw new CasesException("unknown-case", $"no case {caseId}");
            root = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == rootId, cancellationToken);
            if (await db.CaseArchives.AsNoTracking().SingleOrDefaultAsync(a => a.CaseId == root.Id, cancellationToken) is { } stored)
                return Package(stored);
        }
        if (root.Status == CaseStatus.Running)
            throw new CasesException("case-open", $"case {root.Id} is still running: it is archived when it closes");
        await using (var db = factory.CreateDbContext())
            if (await UnissuedDocumentsAsync(db, root.Id, cancellationToken) is > 0 and var pending)
                throw new CasesException("archive-pending", $"case {root.Id} is closed but {pending} of its documents are still being issued: try again in a minute");
        return Package(await ProduceAsync(root, cancellationToken));
    }

    /// <summary>Archives closed cases that have no package yet, oldest first, at most <paramref name="max"/>; answers how many.</summary>
    public async Task<int> ArchiveClosedAsync(int max, CancellationToken cancellationToken = default)
    {
        List<Case> closed;
        await using (var db = factory.CreateDbContext())
            closed = await db.Cases.AsNoTracking()
                .Where(c => c.Id == c.RootCaseId && c.Status != CaseStatus.Running && !db.CaseArchives.Any(a => a.CaseId == c.Id)
                    // Not before every document is issued (a job does that after the closing commit): the package holds them.
                    && !db.Notices.Any(n => n.CaseId == c.Id && !ServiceMethods.StaffRecipients.Contains(n.Recipient)
                        && !db.Documents.Any(d => d.NoticeId == n.Id)))
                .OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id).Take(max).ToListAsync(cancellationToken);
        foreach (var root in closed) await ProduceAsync(root, cancellationToken);
        return closed.Count;
    }

    /// <summary>The recurring job's entry: a bounded batch, so one run never holds the server long.</summary>
    public Task<int> SweepAsync(CancellationToken cancellationToken) => ArchiveClosedAsync(200, cancellationToken);

    /// <summary>Notices of the case that are documents (<see cref="ServiceMethods.IsDocument"/>) and have none yet.</summary>
    private static async Task<int> UnissuedDocumentsAsync(CasesDbContext db, string caseId, CancellationToken ct) =>
        await db.Notices.CountAsync(n => n.CaseId == caseId && !ServiceMethods.StaffRecipients.Contains(n.Recipient)
            && !db.Documents.Any(d => d.NoticeId == n.Id), ct);

    private async Task<CaseArchive> ProduceAsync(Case root, CancellationToken ct)
    {
        // The zip goes through a temporary file, not memory: a case's drawings can weigh hundreds of megabytes.
        var temp = Path.GetTempFileName();
        try
        {
            CaseArchive archive;
            await using (var file = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                archive = await builder.WriteAsync(root, file, time.GetUtcNow().UtcDateTime, ct);
                file.Position = 0;
                var stored = await blobs.PutAsync(file, long.MaxValue, ct);
                archive.Sha256 = stored.Sha256;
                archive.Size = stored.Size;
            }
            await using var db = factory.CreateDbContext();
            db.CaseArchives.Add(archive);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Produced concurrently (the sweep and a request): the first stored package is the case's archive.
                await using var again = factory.CreateDbContext();
                if (await again.CaseArchives.AsNoTracking().SingleOrDefaultAsync(a => a.CaseId == root.Id, ct) is { } first) return first;
                throw;
            }
            logger.LogInformation("Archived case {CaseId}: {Size} bytes, sealed by {SealId}", root.Id, archive.Size, archive.SealId);
            return archive;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private ArchivePackage Package(CaseArchive a) =>
        new(a.CaseId, $"archive-{a.CaseId}.zip", a.Sha256, a.Size, a.Department, a.SealId, a.ProducedAt, () => blobs.OpenRead(a.Sha256));
}
