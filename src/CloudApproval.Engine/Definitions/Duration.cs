using System.Globalization;
using System.Text.RegularExpressions;

namespace CloudApproval.Engine.Definitions;

/// <summary>
/// A duration in a definition: <c>5wd</c> (working days on the official calendar), or calendar time
/// <c>90d</c>, <c>4h</c>, <c>30m</c>, <c>10s</c>. Short calendar durations exist for demos and tests.
/// </summary>
/// <param name="Amount">How many units.</param>
/// <param name="Unit">The unit.</param>
public sealed partial record Duration(int Amount, DurationUnit Unit)
{
    /// <summary>
    /// The longest working-day duration a definition may state: about ten years. The calendar refuses more, so whatever
    /// the validator accepts the calendar computes (it scans at most twenty years).
    /// </summary>
    public const int MaxWorkingDays = 2_500;

    /// <summary>The longest calendar duration a definition may state, in days: a century.</summary>
    public const int MaxCalendarDays = 36_525;

    /// <summary>True for working days.</summary>
    public bool IsWorkingDays => Unit == DurationUnit.WorkingDays;

    /// <summary>
    /// Parses <c>&lt;n&gt;wd|d|h|m|s</c>, at least one unit and at most <see cref="MaxWorkingDays"/> working days or
    /// <see cref="MaxCalendarDays"/> days; returns null and a reason when the text is not such a duration.
    /// </summary>
    public static Duration? TryParse(string? text, out string? error)
    {
        error = null;
        var match = text is null ? null : Pattern().Match(text);
        if (match is null || !match.Success)
        {
            error = $"'{(text is null ? "" : Quoted.Of(text))}' is not a duration: write a whole number and a unit, e.g. 5wd (working days), 90d, 4h, 30m, 10s";
            return null;
        }
        var amount = int.Parse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        var unit = match.Groups[2].Value switch
        {
            "wd" => DurationUnit.WorkingDays,
            "d" => DurationUnit.Days,
            "h" => DurationUnit.Hours,
            "m" => DurationUnit.Minutes,
            _ => DurationUnit.Seconds,
        };
        var duration = new Duration(amount, unit);
        if (amount == 0) error = $"'{text}' is not a duration: a duration is at least 1 {Names(unit)[..^1]}";
        else if (unit == DurationUnit.WorkingDays && amount > MaxWorkingDays)
            error = $"'{text}' is too long: at most {MaxWorkingDays} working days";
        else if (unit != DurationUnit.WorkingDays && duration.ToTimeSpan() > TimeSpan.FromDays(MaxCalendarDays))
            error = $"'{text}' is too long: at most {MaxCalendarDays} days";
        return error is null ? duration : null;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>.</summary>
    public static Duration Parse(string text) => TryParse(text, out var error) ?? throw new FormatException(error);

    /// <summary>Calendar time span; throws for working days, which need the calendar.</summary>
    public TimeSpan ToTimeSpan() => Unit switch
    {
        DurationUnit.Days => TimeSpan.FromDays(Amount),
        DurationUnit.Hours => TimeSpan.FromHours(Amount),
        DurationUnit.Minutes => TimeSpan.FromMinutes(Amount),
        DurationUnit.Seconds => TimeSpan.FromSeconds(Amount),
        _ => throw new InvalidOperationException("working days need the calendar"),
    };

    /// <inheritdoc/>
    public override string ToString() => Amount.ToString(CultureInfo.InvariantCulture) + Unit switch
    {
        DurationUnit.WorkingDays => "wd",
        DurationUnit.Days => "d",
        DurationUnit.Hours => "h",
        DurationUnit.Minutes => "m",
        _ => "s",
    };

    private static string Names(DurationUnit unit) => unit switch
    {
        DurationUnit.WorkingDays => "working days",
        DurationUnit.Days => "days",
        DurationUnit.Hours => "hours",
        DurationUnit.Minutes => "minutes",
        _ => "seconds",
    };

    // \z, not $: $ also matches before a final newline, which let "5d\n" through.
    [GeneratedRegex("^([0-9]{1,7})(wd|d|h|m|s)\\z", RegexOptions.CultureInvariant)]
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
}
