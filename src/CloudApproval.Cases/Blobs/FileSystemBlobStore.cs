using System.Buffers;
using System.Security.Cryptography;

namespace CloudApproval.Cases.Blobs;

/// <summary>
/// Files under a folder, as <c>ab/cd/&lt;sha256&gt;</c> (two levels keep folders small at city scale). Each upload is
/// written to <c>tmp/</c> and moved into place only once complete and flushed, so a reader never sees half a file and a
/// crash leaves at most a temporary file, never a wrong one under a hash.
/// </summary>
public sealed class FileSystemBlobStore(string root) : IBlobStore
{
    private const int BufferSize = 81920;

    public string Root { get; } = Path.GetFullPath(root);

    public async Task<StoredBlob> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var temporary = Path.Combine(Root, "tmp");
        Directory.CreateDirectory(temporary);
        var tempPath = Path.Combine(temporary, Guid.NewGuid().ToString("N"));
        string hash;
        long size = 0;
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            try
            {
                await using var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes) throw new BlobTooLargeException(maxBytes);
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                // On disk before it gets its name: a power cut must not leave a short file under a full file's hash.
                file.Flush(flushToDisk: true);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            var final = PathOf(hash);
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            try
            {
                File.Move(tempPath, final, overwrite: false);
            }
            catch (IOException) when (File.Exists(final))
            {
                // The same bytes are stored already (or a concurrent upload of them just won): keep that copy.
            }
        }
        finally
        {
            if (File.Exists(tempPath)) File.Delete(tempPath);
        }
        return new StoredBlob(hash, size);
    }

    public Stream OpenRead(string sha256)
    {
        if (!Exists(sha256)) throw new CasesException("unknown-blob", $"no stored file {sha256}");
        return new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
    }

    public bool Exists(string sha256) => IsHash(sha256) && File.Exists(PathOf(sha256));

    /// <summary>Where a hash lives; only ever called with a checked hash, so no name can reach outside the root.</summary>
    private string PathOf(string sha256) => Path.Combine(Root, sha256[..2], sha256[2..4], sha256);

    private static bool IsHash(string? text) => text is { Length: 64 } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
