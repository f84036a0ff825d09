namespace CloudApproval.Cases.Blobs;

/// <summary>
/// Content-addressed file storage: a file is named by the SHA-256 of its bytes, so the same file uploaded twice is stored
/// once, and a stored file cannot change without its name (and every record pointing at it) telling.
/// </summary>
public interface IBlobStore
{
    /// <summary>
    /// Streams <paramref name="content"/> into the store, hashing as it goes, and answers its hash and size. More than
    /// <paramref name="maxBytes"/> bytes is refused with <see cref="BlobTooLargeException"/>, and nothing is left behind;
    /// so is any failure while reading.
    /// </summary>
    Task<StoredBlob> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken = default);

    /// <summary>Opens a stored file for reading; <c>unknown-blob</c> (not found) when there is none.</summary>
    Stream OpenRead(string sha256);

    /// <summary>Whether a file with this hash is stored.</summary>
    bool Exists(string sha256);
}

/// <summary>A stored file: the SHA-256 of its bytes (lower-case hex) and their count.</summary>
public sealed record StoredBlob(string Sha256, long Size);

/// <summary>The content was longer than the caller allowed; nothing was stored.</summary>
public sealed class BlobTooLargeException(long limit) : IOException($"the content is longer than {limit} bytes")
{
    public long Limit { get; } = limit;
}
