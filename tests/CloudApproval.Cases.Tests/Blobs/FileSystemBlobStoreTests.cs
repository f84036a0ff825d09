using System.Security.Cryptography;
using CloudApproval.Cases.Blobs;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Blobs;

public sealed class FileSystemBlobStoreTests
{
    private TempFolder _folder = null!;
    private FileSystemBlobStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = new TempFolder();
        _store = new FileSystemBlobStore(_folder.File("blobs"));
    }

    [TearDown]
    public void TearDown() => _folder.Dispose();

    private List<string> StoredFiles() => Directory.Exists(_store.Root)
        ? Directory.EnumerateFiles(_store.Root, "*", SearchOption.AllDirectories).ToList()
        : [];

    [Test]
    public async Task Put_NamesTheFileByItsSha256_UnderTwoLevelsOfFolders_AndReadsItBack()
    {
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var expected = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var blob = await _store.PutAsync(new MemoryStream(bytes), long.MaxValue);

        Assert.That(blob, Is.EqualTo(new StoredBlob(expected, bytes.Length)));
        Assert.That(StoredFiles(), Is.EqualTo(new[] { Path.Combine(_store.Root, expected[..2], expected[2..4], expected) }));
        await using var read = _store.OpenRead(expected);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.That(copy.ToArray(), Is.EqualTo(bytes));
    }

    [Test]
    public async Task Put_StoresTheSameContentOnce()
    {
        var bytes = "%PDF-1.7 the same file"u8.ToArray();

        var first = await _store.PutAsync(new MemoryStream(bytes), 1000);
        var second = await _store.PutAsync(new MemoryStream(bytes), 1000);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(StoredFiles(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Put_OverTheLimit_Throws_AndLeavesNoFile()
    {
        var refused = await Assert.ThrowsAsync<BlobTooLargeException>(() => _store.PutAsync(new MemoryStream(new byte[1001]), 1000));

        Assert.That(refused!.Limit, Is.EqualTo(1000));
        Assert.That(StoredFiles(), Is.Empty);
    }

    [Test]
    public async Task Put_WhenTheSourceFailsHalfway_LeavesNeitherAFileUnderAHashNorATemporaryOne()
    {
        await using var failing = new FailingStream(200_000);

        await Assert.ThrowsAsync<IOException>(() => _store.PutAsync(failing, long.MaxValue));

        Assert.That(failing.Served, Is.GreaterThan(0), "the store had started writing");
        Assert.That(StoredFiles(), Is.Empty);
    }

    [Test]
    public void OpenRead_RefusesAnythingButAStoredHash_AsUnknown()
    {
        foreach (var name in new[] { "../../etc/passwd", new string('a', 64), "ABCDEF" })
        {
            var refused = Assert.Throws<CasesException>(() => _store.OpenRead(name).Dispose());
            Assert.That(refused!.Code, Is.EqualTo("unknown-blob"), name);
        }
    }

    /// <summary>A source that serves some bytes, then fails like a dropped connection.</summary>
    private sealed class FailingStream(int failAfter) : Stream
    {
        public int Served { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Served >= failAfter) throw new IOException("connection reset");
            var n = Math.Min(count, 8192);
            Served += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
