namespace CloudApproval.Cases.Hosting;

/// <summary>
/// The system clock at the precision every supported database keeps: whole microseconds. PostgreSQL stores timestamps in
/// microseconds (SQLite and SQL Server keep .NET's 100 ns ticks), so an instant with sub-microsecond ticks would come back
/// from PostgreSQL different from the value the audit entry's row digest was computed on, and the next operation would
/// refuse the row as altered. SQLite hides this; starting from whole microseconds, every instant derived from "now" (due
/// dates, durations) is stored exactly on all three.
/// </summary>
public sealed class MicrosecondClock : TimeProvider
{
    public static MicrosecondClock Instance { get; } = new();

    private MicrosecondClock()
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        var now = TimeProvider.System.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
