namespace CloudApproval.Engine.Tests.Support;

/// <summary>Instants and days in China time (+08:00), as clerks and the law count them.</summary>
internal static class China
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset At(int year, int month, int day, int hour = 9, int minute = 0) =>
        new(year, month, day, hour, minute, 0, Offset);

    /// <summary>Midnight at the start of a day.</summary>
    public static DateTimeOffset Midnight(int year, int month, int day) => At(year, month, day, 0);

    public static DateOnly Day(int year, int month, int day) => new(year, month, day);
}
