namespace CloudApproval.Engine.Calendar;

/// <summary>A half-open range of days [From, To): days on or after <see cref="From"/> and before <see cref="To"/>.
/// An open interval (<see cref="To"/> null) runs to the end of time, as a suspension that has not been lifted.</summary>
/// <param name="From">First day inside the interval.</param>
/// <param name="To">First day after the interval, or null while it is open.</param>
public sealed record DateInterval(DateOnly From, DateOnly? To)
{
    /// <summary>Whether the day falls inside the interval.</summary>
    public bool Contains(DateOnly day) => day >= From && (To is null || day < To.Value);
}
