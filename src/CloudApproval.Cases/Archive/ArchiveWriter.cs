using System.IO.Compression;
using System.Security.Cryptography;

namespace CloudApproval.Cases.Archive;

/// <summary>
/// Writes the package's zip entries and remembers each one's SHA-256 and size as it streams through, so the manifest
/// states the hash of the bytes that are in the package (not a hash recorded somewhere else).
/// </summary>
internal sealed class ArchiveWriter(ZipArchive zip, DateTimeOffset stamp) : IDisposable
{
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);

    public List<ArchivedFile> Files { get; } = [];

    public async Task<ArchivedFile> AddAsync(string path, string kind, string? describes, Stream content, CancellationToken ct)
    {
        path = Unique(path);
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        entry.LastWriteTime = stamp;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        await using (var output = await entry.OpenAsync(ct))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), ct);
                size += read;
            }
        }
        var file = new ArchivedFile(path, kind, Convert.ToHexStringLower(hash.GetHashAndReset()), size, describes);
        Files.Add(file);
        return file;
    }

    public Task<ArchivedFile> AddAsync(string path, string kind, string? describes, byte[] content, CancellationToken ct) =>
        AddAsync(path, kind, describes, new MemoryStream(content, writable: false), ct);

    /// <summary>Adds an entry that the manifest does not list (the manifest itself and its seal).</summary>
    public async Task AddUnlistedAsync(string path, byte[] content, CancellationToken ct)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        entry.LastWriteTime = stamp;
        await using var output = await entry.OpenAsync(ct);
        await output.WriteAsync(content, ct);
    }

    /// <summary>A file name as uploaded can repeat or carry path characters: the package path is made safe and unique.</summary>
    private string Unique(string path)
    {
        var folder = Path.GetDirectoryName(path)?.Replace('\\', '/') ?? "";
        var name = string.Concat(Path.GetFileName(path).Select(ch => Path.GetInvalidFileNameChars().Contains(ch) || ch is '/' or '\\' ? '_' : ch));
        if (name.Length == 0) name = "file";
        var candidate = folder.Length == 0 ? name : folder + "/" + name;
        for (var i = 2; !_paths.Add(candidate); i++)
            candidate = (folder.Length == 0 ? "" : folder + "/") + Path.GetFileNameWithoutExtension(name) + $"-{i}" + Path.GetExtension(name);
        return candidate;
    }

    public void Dispose() => zip.Dispose();
}
