using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Audit;

/// <summary>
/// Checks the checkpoints: the file and the table agree line for line, the latest is signed by the key in
/// <see cref="CasesSettings.AuditKeyPath"/>, its stored leaves give its signed root, and the database still holds what
/// it signed: every case (none deleted), each case's entry at the signed sequence with the signed hash (no chain
/// re-hashed), every definition with the signed content hash.
/// </summary>
public sealed class CheckpointVerifier(CasesDbFactory factory, CasesSettings settings)
{
    /// <param name="caseId">Only this case's leaf (the signature and the file are checked all the same); null: everything.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<CheckpointVerification> VerifyAsync(string? caseId = null, CancellationToken cancellationToken = default)
    {
        var findings = new List<string>();
        await using var db = factory.CreateDbContext();
        var rows = await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.Number).ToListAsync(cancellationToken);
        var lines = await ReadFileAsync(findings, cancellationToken);
        if (rows.Count == 0 && lines.Count == 0) return new CheckpointVerification(null, findings);

        var file = settings.CheckpointPath;
        var byNumber = rows.ToDictionary(r => r.Number);
        foreach (var line in lines)
        {
            if (!byNumber.TryGetValue(line.Number, out var row)) findings.Add($"checkpoint {line.Number} is in {file} but not in the database: deleted from the table");
            else if (CheckpointLine.Of(row) != line) findings.Add($"checkpoint {line.Number} differs between {file} and the database");
        }
        var inFile = lines.Select(l => l.Number).ToHashSet();
        foreach (var row in rows.Where(r => !inFile.Contains(r.Number)))
            findings.Add($"checkpoint {row.Number} is in the database but not in {file}");

        var latest = lines.Count > 0 ? lines.MaxBy(l => l.Number)! : CheckpointLine.Of(rows[^1]);
        CheckSigner(latest, findings);
        if (byNumber.GetValueOrDefault(latest.Number) is { } stored)
            await CheckLeavesAsync(db, latest, stored, caseId, findings, cancellationToken);
        return new CheckpointVerification(latest, findings);
    }

    private async Task<List<CheckpointLine>> ReadFileAsync(List<string> findings, CancellationToken cancellationToken)
    {
        var path = settings.CheckpointPath;
        var lines = new List<CheckpointLine>();
        if (!File.Exists(path)) return lines;
        var number = 0;
        foreach (var text in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            number++;
            if (text.Length == 0) continue;
            if (CheckpointLine.Parse(text) is { } line) lines.Add(line);
            else findings.Add($"{path} line {number}: not a checkpoint");
        }
        return lines;
    }

    private void CheckSigner(CheckpointLine latest, List<string> findings)
    {
        var key = CheckpointKey.Load(settings.KeyPath);
        if (key is null) findings.Add($"checkpoint {latest.Number}: no signing key at {settings.KeyPath}, so its signer cannot be confirmed");
        else if (key.PublicKey != latest.PublicKey) findings.Add($"checkpoint {latest.Number} is signed by another key than the one at {settings.KeyPath}");
        if (!CheckpointKey.Verify(latest.SignedText, latest.Signature, latest.PublicKey))
            findings.Add($"checkpoint {latest.Number}: the signature does not verify");
    }

    private static async Task CheckLeavesAsync(CasesDbContext db, CheckpointLine latest, AuditCheckpoint stored, string? caseId, List<string> findings, CancellationToken ct)
    {
        var n = latest.Number;
        var leaves = CheckpointLeaf.Read(stored.LeavesJson);
        if (leaves is null || MerkleTree.Root(leaves.Select(l => l.Text)) != latest.MerkleRoot)
        {
            findings.Add($"checkpoint {n}: its leaves in the database do not give its signed root");
            return;
        }
        if (leaves.Count(l => l.Kind == CheckpointLeaf.Case) != latest.CaseCount)
            findings.Add($"checkpoint {n}: {leaves.Count(l => l.Kind == CheckpointLeaf.Case)} case leaves, but it signed {latest.CaseCount} cases");
        foreach (var leaf in leaves.Where(l => l.Kind == CheckpointLeaf.Case && (caseId is null || l.Id == caseId)))
        {
            if (!await db.Cases.AsNoTracking().AnyAsync(c => c.Id == leaf.Id, ct))
            {
                findings.Add($"case {leaf.Id} was deleted since checkpoint {n} (it had {leaf.Number} audit entries)");
                continue;
            }
            var hash = await db.AuditEntries.AsNoTracking().Where(e => e.CaseId == leaf.Id && e.Sequence == leaf.Number).Select(e => e.Hash).SingleOrDefaultAsync(ct);
            if (hash != leaf.Hash)
                findings.Add($"case {leaf.Id}: its chain was rewritten since checkpoint {n} (entry {leaf.Number} {(hash is null ? "is gone" : "no longer has the hash the checkpoint signed")})");
        }
        if (caseId is not null) return;
        foreach (var leaf in leaves.Where(l => l.Kind == CheckpointLeaf.Definition))
        {
            var version = (int)leaf.Number;
            var row = await db.ProcedureVersions.AsNoTracking().SingleOrDefaultAsync(v => v.DefinitionId == leaf.Id && v.Version == version, ct);
            if (row is null) findings.Add($"definition {leaf.Id} v{leaf.Number} was deleted since checkpoint {n}");
            else if (row.ContentHash != leaf.Hash || ContentHash.Of(row.Json) != leaf.Hash)
                findings.Add($"definition {leaf.Id} v{leaf.Number} was changed since checkpoint {n} (signed hash {leaf.Hash}, stored {row.ContentHash}, computed {ContentHash.Of(row.Json)})");
        }
    }
}

/// <summary>The checkpoints' verdict: the latest checkpoint (null when none was ever made) and what is wrong.</summary>
public sealed record CheckpointVerification(CheckpointLine? Latest, IReadOnlyList<string> Findings);
