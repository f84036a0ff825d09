using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Documents;

namespace CloudApproval.Cases.Archive;

/// <summary>What checking a package found: every problem, in the order met (the first is the first thing that does not match).</summary>
/// <param name="Problems">Empty when the package is intact.</param>
/// <param name="Manifest">The manifest, when it could be read.</param>
/// <param name="DepartmentKeyChecked">False when the seal was checked only against the public key it names (no seal keys here).</param>
public sealed record ArchiveCheck(IReadOnlyList<string> Problems, ArchiveManifest? Manifest, bool DepartmentKeyChecked)
{
    public bool Intact => Problems.Count == 0;
}

/// <summary>
/// Re-checks an archive package with nothing but the package (and, when given, the departments' seal keys): the seal over
/// the manifest, every listed file's SHA-256 and size, no file added or missing, and every audit chain recomputed link by
/// link up to the head the manifest states.
/// </summary>
public static class ArchiveVerifier
{
    public static async Task<ArchiveCheck> VerifyAsync(Stream package, DepartmentSeals? seals, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        var problems = new List<string>();
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            return new ArchiveCheck([$"not a zip archive: {ex.Message}"], null, false);
        }
        using (zip)
        {
            var manifestBytes = await ReadAsync(zip, ArchiveManifest.FileName, cancellationToken);
            var sealBytes = await ReadAsync(zip, ArchiveManifest.SealFileName, cancellationToken);
            if (manifestBytes is null || sealBytes is null)
                return new ArchiveCheck([$"{(manifestBytes is null ? ArchiveManifest.FileName : ArchiveManifest.SealFileName)} is missing"], null, false);
            var manifest = Parse<ArchiveManifest>(manifestBytes, ArchiveManifest.FileName, problems);
            var seal = Parse<Seal>(sealBytes, ArchiveManifest.SealFileName, problems);
            if (manifest is null || seal is null) return new ArchiveCheck(problems, manifest, false);

            CheckSeal(manifest, seal, manifestBytes, seals, problems);
            await CheckFilesAsync(zip, manifest, seals, problems, cancellationToken);
            foreach (var chain in manifest.AuditChains) await CheckChainAsync(zip, chain, problems, cancellationToken);
            return new ArchiveCheck(problems, manifest, seals is not null);
        }
    }

    private static void CheckSeal(ArchiveManifest manifest, Seal seal, byte[] manifestBytes, DepartmentSeals? seals, List<string> problems)
    {
        if (seal.Department != manifest.Department)
            problems.Add($"{ArchiveManifest.SealFileName}: sealed by '{seal.Department}', but the manifest names department '{manifest.Department}'");
        if (CheckSealOf(seal, manifestBytes, seals) is { } problem) problems.Add($"{ArchiveManifest.FileName}: {problem}");
    }

    /// <summary>A document's or licence's seal, against the department's key when the keys are here.</summary>
    private static string? CheckSealOf(Seal seal, byte[] bytes, DepartmentSeals? seals) =>
        seals is not null ? seals.Verify(seal, bytes).Problem
        : Signing.Sm2Key.Sm3(bytes) != seal.Digest ? "the content changed after sealing (SM3 digest differs)"
        : !Signing.Sm2Key.Verify(bytes, seal.Signature, seal.PublicKey) ? "the seal's signature does not verify"
        : null;

    private static IEnumerable<string> CheckSignatures(List<ArchivedSignature> signatures) =>
        signatures.Where(x => !Signing.Sm2Key.Verify(x.CanonicalText, x.Signature, x.PublicKey))
            .Select(x => $"the applicant's signature of the {x.Kind} (revision {x.Revision}) does not verify");

    private static async Task CheckFilesAsync(ZipArchive zip, ArchiveManifest manifest, DepartmentSeals? seals, List<string> problems, CancellationToken ct)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal) { ArchiveManifest.FileName, ArchiveManifest.SealFileName };
        foreach (var file in manifest.Files)
        {
            listed.Add(file.Path);
            if (zip.GetEntry(file.Path) is not { } entry)
            {
                problems.Add($"{file.Path}: listed in the manifest but missing from the package");
                continue;
            }
            var (sha256, size) = await HashAsync(entry, ct);
            if (sha256 != file.Sha256 || size != file.Size)
                problems.Add($"{file.Path}: its content differs from the manifest (SHA-256 {sha256}, {size} bytes; the manifest says {file.Sha256}, {file.Size} bytes)");
            if (file.Seal is not null && CheckSealOf(file.Seal, await ReadAsync(zip, file.Path, ct) ?? [], seals) is { } sealProblem)
                problems.Add($"{file.Path}: {sealProblem}");
            if (file.Kind == "application-signatures")
                problems.AddRange(CheckSignatures(Parse<List<ArchivedSignature>>(await ReadAsync(zip, file.Path, ct) ?? [], file.Path, problems) ?? [])
                    .Select(p => $"{file.Path}: {p}"));
        }
        foreach (var entry in zip.Entries.Where(e => !listed.Contains(e.FullName)))
            problems.Add($"{entry.FullName}: in the package but not in the manifest");
    }

    private static async Task CheckChainAsync(ZipArchive zip, ArchivedChain chain, List<string> problems, CancellationToken ct)
    {
        if (zip.GetEntry(chain.Path) is not { } entry) return; // reported with the files
        var previous = AuditChain.Genesis;
        long count = 0;
        await using var stream = await entry.OpenAsync(ct);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0) continue;
            count++;
            var exported = Parse<ArchivedAuditEntry>(System.Text.Encoding.UTF8.GetBytes(line), $"{chain.Path} line {count}", problems);
            if (exported is null) return;
            var e = new AuditEntry
            {
                CaseId = exported.CaseId, Sequence = exported.Sequence, At = DateTime.SpecifyKind(exported.At, DateTimeKind.Utc),
                Actor = exported.Actor, Action = exported.Action, Detail = exported.Detail, StateDigest = exported.StateDigest,
                PreviousHash = exported.PreviousHash, Hash = exported.Hash,
            };
            var problem = e.CaseId != chain.CaseId ? $"entry {count} belongs to case {e.CaseId}"
                : e.Sequence != count ? $"entry {count} is missing (found sequence {e.Sequence} in its place)"
                : e.PreviousHash != previous ? $"entry {e.Sequence} does not link to entry {e.Sequence - 1}"
                : AuditChain.HashOf(e) != e.Hash ? $"entry {e.Sequence} ({e.Action} by {e.Actor}) was altered: its content no longer matches its hash"
                : null;
            if (problem is not null)
            {
                problems.Add($"{chain.Path}: {problem}");
                return;
            }
            previous = e.Hash;
        }
        if (count != chain.Entries || previous != chain.Head)
            problems.Add($"{chain.Path}: the chain ends at entry {count} with head {previous[..12]}…, but the manifest states {chain.Entries} entries ending at {chain.Head[..Math.Min(12, chain.Head.Length)]}…");
    }

    private static async Task<byte[]?> ReadAsync(ZipArchive zip, string path, CancellationToken ct)
    {
        if (zip.GetEntry(path) is not { } entry) return null;
        await using var stream = await entry.OpenAsync(ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, ct);
        return copy.ToArray();
    }

    private static async Task<(string Sha256, long Size)> HashAsync(ZipArchiveEntry entry, CancellationToken ct)
    {
        await using var stream = await entry.OpenAsync(ct);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            size += read;
        }
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    private static T? Parse<T>(byte[] bytes, string where, List<string> problems) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, ArchiveJson.Options)
                ?? throw new JsonException("empty");
        }
        catch (JsonException ex)
        {
            problems.Add($"{where}: not readable ({ex.Message})");
            return null;
        }
    }
}
