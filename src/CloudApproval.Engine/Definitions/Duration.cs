using System.Globalization;
using System.Text.RegularExpressions;

namespace CloudApproval.Engine.Definitions;

/// <summary>
/// A duration in a definition: <c>5wd</c> (working days on the official calendar), or calendar time
/// <c>5y</c> (calendar years), <c>6mo</c> (calendar months), <c>90d</c>, <c>4h</c>, <c>30m</c> (minutes), <c>10s</c>.
/// Years and months follow the calendar (a licence valid 5y from 2026-06-05 runs to 2031-06-04, whatever the leap
/// days in between); short calendar durations exist for demos and tests.
/// </summary>
/// <param name="Amount">How many units.</param>
/// <param name="Unit">The unit.</param>
public sealed partial record Duration(int Amount, DurationUnit Unit)
{
    /// <summary>True for working days.</summary>
    public bool IsWorkingDays => Unit == DurationUnit.WorkingDays;

    /// <summary>
    /// The longest working-day duration a definition may state: about ten years. The calendar refuses more, so whatever
    /// the validator accepts the calendar computes (it scans at most twenty years).
    /// </summary>
    public const int MaxWorkingDays = 2_500;

    /// <summary>The longest calendar duration a definition may state, in days: a century.</summary>
    public const int MaxCalendarDays = 36_525;

    // Years and months within a century, like days: more makes no sense for a licence or a limit, and overflows DateTime.
    private const int MaxYears = 100;
    private const int MaxMonths = MaxYears * 12;

    /// <summary>
    /// Parses <c>&lt;n&gt;wd|y|mo|d|h|m|s</c>, at least one unit and at most <see cref="MaxWorkingDays"/> working days or a
    /// century of calendar time; returns null and a reason when the text is not such a duration.
    /// </summary>
    public static Duration? TryParse(string? text, out string? error)
    {
        error = null;
        var match = text is null ? null : Pattern().Match(text);
        if (match is null || !match.Success)
        {
            error = $"'{(text is null ? "" : Quoted.Of(text))}' is not a duration: write a whole number and a unit, e.g. 5wd (working days), 5y (years), 6mo (months), 90d, 4h, 30m (minutes), 10s";
            return null;
        }
        var amount = int.Parse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        var unit = match.Groups[2].Value switch
        {
            "wd" => DurationUnit.WorkingDays,
            "y" => DurationUnit.Years,
            "mo" => DurationUnit.Months,
            "d" => DurationUnit.Days,
            "h" => DurationUnit.Hours,
            "m" => DurationUnit.Minutes,
            _ => DurationUnit.Seconds,
        };
        var duration = new Duration(amount, unit);
        if (amount == 0) error = $"'{text}' is not a duration: a duration is at least 1 {Names(unit)[..^1]}";
        else if (unit == DurationUnit.WorkingDays && amount > MaxWorkingDays)
            error = $"'{text}' is too long: at most {MaxWorkingDays} working days";
        else if ((unit == DurationUnit.Years && amount > MaxYears) || (unit == DurationUnit.Months && amount > MaxMonths))
            error = $"'{text}' is too long: at most {MaxYears}y or {MaxMonths}mo";
        else if (unit is not (DurationUnit.WorkingDays or DurationUnit.Years or DurationUnit.Months) && duration.ToTimeSpan() > TimeSpan.FromDays(MaxCalendarDays))
            error = $"'{text}' is too long: at most {MaxCalendarDays} days";
        return error is null ? duration : null;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>.</summary>
    public static Duration Parse(string text) => TryParse(text, out var error) ?? throw new FormatException(error);

    /// <summary>The instant this long after <paramref name="from"/>; throws for working days, which need the calendar.
    /// Years and months land on the same day of the month, or the month's last day when it has no such day.</summary>
    public DateTimeOffset After(DateTimeOffset from) => Unit switch
    {
        DurationUnit.Years => from.AddYears(Amount),
        DurationUnit.Months => from.AddMonths(Amount),
        _ => from + ToTimeSpan(),
    };

    /// <summary>
    /// The last day of a period of this length that begins on <paramref name="from"/> (inclusive), as licences state
    /// validity: the day before the anniversary, or the month's last day when the anniversary does not exist
    /// (2028-02-29 + 1y runs to 2029-02-28). Only for calendar durations of whole days.
    /// </summary>
    public DateOnly LastDayFrom(DateOnly from)
    {
        var anniversary = Unit switch
        {
            DurationUnit.Years => from.AddYears(Amount),
            DurationUnit.Months => from.AddMonths(Amount),
            DurationUnit.Days => from.AddDays(Amount),
            _ => throw new InvalidOperationException($"{this} is not a number of days, months or years"),
        };
        // AddYears/AddMonths clamp a missing day to the month's end; that end is then the last day of the period.
        return anniversary.Day != from.Day && Unit != DurationUnit.Days ? anniversary : anniversary.AddDays(-1);
    }

    /// <summary>Calendar time span; throws for working days (they need the calendar) and for years and months (no fixed length).</summary>
    public TimeSpan ToTimeSpan() => Unit switch
    {
        DurationUnit.Days => TimeSpan.FromDays(Amount),
        DurationUnit.Hours => TimeSpan.FromHours(Amount),
        DurationUnit.Minutes => TimeSpan.FromMinutes(Amount),
        DurationUnit.Seconds => TimeSpan.FromSeconds(Amount),
        DurationUnit.WorkingDays => throw new InvalidOperationException("working days need the calendar"),
        _ => throw new InvalidOperationException("years and months have no fixed length: use After"),
    };

    /// <inheritdoc/>
    public override string ToString() => Amount.ToString(CultureInfo.InvariantCulture) + Unit switch
    {
        DurationUnit.WorkingDays => "wd",
        DurationUnit.Years => "y",
        DurationUnit.Months => "mo",
        DurationUnit.Days => "d",
        DurationUnit.Hours => "h",
        DurationUnit.Minutes => "m",
        _ => "s",
    };

    private static string Names(DurationUnit unit) => unit switch
    {
        DurationUnit.WorkingDays => "working days",
        DurationUnit.Years => "years",
        DurationUnit.Months => "months",
        DurationUnit.Days => "days",
        DurationUnit.Hours => "hours",
        DurationUnit.Minutes => "minutes",
        _ => "seconds",
    };

    // \z, not $: $ also matches before a final newline, which let "5d\n" through.
    [GeneratedRegex("^([0-9]{1,7})(wd|mo|y|d|h|m|s)\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>Units of <see cref="Duration"/>.</summary>
public enum DurationUnit
{
    /// <summary>Working days on the official calendar.</summary>
    WorkingDays,
    /// <summary>Calendar days.</summary>
    Days,
    /// <summary>Hours.</summary>
    Hours,
    /// <summary>Minutes.</summary>
    Minutes,
    /// <summary>Seconds.</summary>
    Seconds,
    /// <summary>Calendar years (<c>y</c>).</summary>
    Years,
    /// <summary>Calendar months (<c>mo</c>).</summary>
    Months,
}
