namespace CloudApproval.Engine.Calendar;

/// <summary>The answer of a working-day computation and the years it had to guess (weekends only) for lack of a calendar file.</summary>
/// <typeparam name="T">The kind of answer: a date or a count.</typeparam>
/// <param name="Value">The answer.</param>
/// <param name="YearsWithoutCalendar">Years crossed that have no calendar file; empty when the answer is exact.</param>
public sealed record CalendarAnswer<T>(T Value, IReadOnlyList<int> YearsWithoutCalendar)
{
    /// <summary>True when every year crossed has an official calendar.</summary>
    public bool IsExact => YearsWithoutCalendar.Count == 0;

    /// <summary>A sentence for people when the answer is a guess, otherwise null.</summary>
    public string? Warning => IsExact
        ? null
        : $"no holiday calendar for {string.Join(", ", YearsWithoutCalendar)}: counted weekends only; the date may move when the State Council publishes that year's arrangement";
}
