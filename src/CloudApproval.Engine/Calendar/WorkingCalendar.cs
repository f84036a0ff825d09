using System.Collections.Frozen;

namespace CloudApproval.Engine.Calendar;

/// <summary>
/// Working-day arithmetic on the official calendar (Administrative Licensing Law art. 82): weekends and statutory
/// holidays are not counted, weekend days declared working days (调休) are. Years without a calendar file are
/// counted with weekends only, and every answer says which years were guessed.
/// </summary>
public sealed class WorkingCalendar
{
    // Guards against a runaway loop on absurd input; a legal limit is at most a few hundred working days.
    private const int MaxDaysScanned = 366 * 20;

    private readonly FrozenDictionary<int, CalendarYear> _years;
    private readonly FrozenSet<DateOnly> _daysOff;
    private readonly FrozenSet<DateOnly> _extraWorkingDays;

    /// <summary>Builds a calendar from the given years.</summary>
    public WorkingCalendar(IEnumerable<CalendarYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var list = years.ToList();
        _years = list.ToFrozenDictionary(y => y.Year);
        _daysOff = list.SelectMany(y => y.DaysOff).Select(d => d.Date).ToFrozenSet();
        _extraWorkingDays = list.SelectMany(y => y.ExtraWorkingDays).Select(d => d.Date).ToFrozenSet();
    }

    /// <summary>A calendar with no official data: weekends only.</summary>
    public static WorkingCalendar WeekendsOnly { get; } = new([]);

    /// <summary>This calendar with one year's arrangement added, or replaced when the year is already there.</summary>
    public WorkingCalendar With(CalendarYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        return new WorkingCalendar(_years.Values.Where(y => y.Year != year.Year).Append(year));
    }

    /// <summary>Years with an official calendar.</summary>
    public IReadOnlyCollection<int> Years => _years.Keys;

    /// <summary>The official arrangement of a year, or null when it has no calendar file.</summary>
    public CalendarYear? YearData(int year) => _years.GetValueOrDefault(year);

    /// <summary>Whether the day's year has an official calendar; a due date in any other year is provisional (it may move
    /// when that year's arrangement is published).</summary>
    public bool Covers(DateOnly day) => _years.ContainsKey(day.Year);

    /// <summary>Whether the day is a working day.</summary>
    public bool IsWorkingDay(DateOnly day)
    {
        if (_extraWorkingDays.Contains(day)) return true;
        if (_daysOff.Contains(day)) return false;
        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// The <paramref name="n"/>-th working day after <paramref name="from"/> ("within N working days of D"), skipping days
    /// inside any of <paramref name="excluded"/> (suspensions of a legal clock). A negative n counts backwards;
    /// zero returns <paramref name="from"/>.
    /// </summary>
    public CalendarAnswer<DateOnly> AddWorkingDays(DateOnly from, int n, IReadOnlyList<DateInterval>? excluded = null)
    {
        // The bound definitions are validated against: what the validator accepts, the calendar computes.
        if (n is > Definitions.Duration.MaxWorkingDays or < -Definitions.Duration.MaxWorkingDays)
            throw new ArgumentOutOfRangeException(nameof(n), n, $"more than {Definitions.Duration.MaxWorkingDays} working days");
        var missing = new SortedSet<int>();
        var day = from;
        var step = n < 0 ? -1 : 1;
        var remaining = Math.Abs(n);
        var scanned = 0;
        while (remaining > 0)
        {
            day = day.AddDays(step);
            if (++scanned > MaxDaysScanned)
                throw new ArgumentOutOfRangeException(nameof(n), n, "the range exceeds twenty years, or every day is excluded");
            Note(day, missing);
            if (IsCounted(day, excluded)) remaining--;
        }
        return new CalendarAnswer<DateOnly>(day, [.. missing]);
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>, minus excluded days.
    /// Negative when <paramref name="to"/> is before <paramref name="from"/>.</summary>
    public CalendarAnswer<int> CountWorkingDays(DateOnly from, DateOnly to, IReadOnlyList<DateInterval>? excluded = null)
    {
        if (to < from)
        {
            var reverse = CountWorkingDays(to, from, excluded);
            return reverse with { Value = -reverse.Value };
        }
        if (to.DayNumber - from.DayNumber > MaxDaysScanned)
            throw new ArgumentOutOfRangeException(nameof(to), to, "the range exceeds twenty years");
        var missing = new SortedSet<int>();
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            Note(day, missing);
            if (IsCounted(day, excluded)) count++;
        }
        return new CalendarAnswer<int>(count, [.. missing]);
    }

    private bool IsCounted(DateOnly day, IReadOnlyList<DateInterval>? excluded)
    {
        if (!IsWorkingDay(day)) return false;
        if (excluded is null) return true;
        foreach (var interval in excluded)
            if (interval.Contains(day)) return false;
        return true;
    }

    private void Note(DateOnly day, SortedSet<int> missing)
    {
        if (!_years.ContainsKey(day.Year)) missing.Add(day.Year);
    }
}
