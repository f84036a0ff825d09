using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CloudApproval.Cases.Audit;

/// <summary>
/// Makes a signed checkpoint now: a Merkle root over every case's chain head and every published or retired
/// definition's content hash, with the case count, signed with the SM2 key from <see cref="CasesSettings.AuditKeyPath"/>
/// (created on first use), stored in the database and appended to the checkpoint file. Run by <c>audit checkpoint</c>
/// and, periodically, by the timer server.
/// </summary>
public sealed class MakeCheckpoint(CasesDbFactory factory, CasesSettings settings, TimeProvider time, ILogger<MakeCheckpoint> logger)
{
    public async Task<CheckpointMade> RunAsync(CancellationToken cancellationToken = default)
    {
        var keyPath = settings.KeyPath;
        var key = CheckpointKey.Load(keyPath);
        var created = key is null;
        if (key is null)
        {
            key = CheckpointKey.Create(keyPath);
            logger.LogWarning("Created a new SM2 checkpoint signing key at {Path}; keep it outside the database and back it up", keyPath);
        }

        await using var db = factory.CreateDbContext();
        var cases = await db.Cases.AsNoTracking().Select(c => new { c.Id, c.AuditCount, c.AuditHead }).ToListAsync(cancellationToken);
        var definitions = await db.ProcedureVersions.AsNoTracking().Where(v => v.Status != ProcedureVersionStatus.Draft)
            .Select(v => new { v.DefinitionId, v.Version, v.ContentHash }).ToListAsync(cancellationToken);
        var leaves = cases.Select(c => new CheckpointLeaf(CheckpointLeaf.Case, c.Id, c.AuditCount, c.AuditHead))
            .Concat(definitions.Select(d => new CheckpointLeaf(CheckpointLeaf.Definition, d.DefinitionId, d.Version, d.ContentHash)))
            .OrderBy(l => l.Text, StringComparer.Ordinal)
            .ToList();
        var number = (await db.AuditCheckpoints.MaxAsync(c => (long?)c.Number, cancellationToken) ?? 0) + 1;
        var at = time.GetUtcNow().UtcDateTime;
        var root = MerkleTree.Root(leaves.Select(l => l.Text));
        var checkpoint = new AuditCheckpoint
        {
            Number = number,
            At = at,
            CaseCount = cases.Count,
            MerkleRoot = root,
            PublicKey = key.PublicKey,
            Signature = key.Sign(CheckpointLine.SignedTextOf(number, AuditCheckpoint.Instant(at), cases.Count, root)),
            LeavesJson = CheckpointLeaf.Write(leaves),
        };
        db.AuditCheckpoints.Add(checkpoint);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new CasesException("concurrent-checkpoint", $"another checkpoint numbered {number} was made meanwhile; try again");
        }
        await AppendAsync(db, checkpoint, cancellationToken);
        return new CheckpointMade(number, at, cases.Count, definitions.Count, root, key.PublicKey, keyPath, created, settings.CheckpointPath);
    }

    /// <summary>The file is written after the row commits; a checkpoint the file did not take is taken back from the table.</summary>
    private async Task AppendAsync(CasesDbContext db, AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var path = settings.CheckpointPath;
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
            await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(CheckpointLine.Of(checkpoint).ToJson() + "\n"), cancellationToken);
            file.Flush(flushToDisk: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            db.AuditCheckpoints.Remove(checkpoint);
            await db.SaveChangesAsync(CancellationToken.None);
            throw new CasesException("checkpoint-file", $"{path}: cannot append the checkpoint ({ex.Message}); none was made");
        }
    }
}

/// <summary>What <see cref="MakeCheckpoint"/> made.</summary>
public sealed record CheckpointMade(
    long Number, DateTime At, int CaseCount, int DefinitionCount, string MerkleRoot, string PublicKey, string KeyPath, bool KeyCreated, string FilePath);
