namespace CloudApproval.Web.Components.Portal;

/// <summary>
/// A read-only stream over the browser's file that reports how much of it the upload use case has read, so the page can
/// show a progress bar while the file is streamed straight into the store (never buffered whole in the circuit).
/// </summary>
internal sealed class ProgressStream(Stream inner, long length, Action<int> percentRead) : Stream
{
    private long _read;
    private int _reported = -1;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Counted(int read)
    {
        _read += read;
        // Reported per whole percent: a render per chunk would flood the circuit on a large file.
        var percent = length <= 0 ? 100 : (int)Math.Min(100, _read * 100 / length);
        if (percent != _reported)
        {
            _reported = percent;
            percentRead(percent);
        }
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
