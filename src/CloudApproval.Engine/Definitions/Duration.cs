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
    /// <summary>True for working days.</summary>
    public bool IsWorkingDays => Unit == DurationUnit.WorkingDays;

    /// <summary>Parses <c>&lt;n&gt;wd|d|h|m|s</c>; returns null and a reason when the text is not a duration.</summary>
    public static Duration? TryParse(string? text, out string? error)
    {
        error = null;
        var match = text is null ? null : Pattern().Match(text);
        if (match is null || !match.Success)
        {
            error = $"'{text}' is not a duration: write a whole number and a unit, e.g. 5wd (working days), 90d, 4h, 30m, 10s";
            return null;
        }
        if (!int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > 100_000)
        {
            error = $"'{text}' is too long a duration";
            return null;
        }
        var unit = match.Groups[2].Value switch
        {
            "wd" => DurationUnit.WorkingDays,
            "d" => DurationUnit.Days,
            "h" => DurationUnit.Hours,
            "m" => DurationUnit.Minutes,
            _ => DurationUnit.Seconds,
        };
        return new Duration(amount, unit);
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

    [GeneratedRegex("^([0-9]{1,7})(wd|d|h|m|s)$", RegexOptions.CultureInvariant)]
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
