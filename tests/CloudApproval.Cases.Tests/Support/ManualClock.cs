namespace CloudApproval.Cases.Tests.Support;

/// <summary>A clock the test moves by hand. Registered before AddCloudApprovalCases, which only adds the system clock when none is there.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    /// <summary>Monday 2 March 2026, 10:00 in Shanghai: a working day well inside the calendar.</summary>
    public static DateTimeOffset MondayMorning { get; } = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTimeOffset now) => _now = now;
}
