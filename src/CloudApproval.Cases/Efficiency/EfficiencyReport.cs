namespace CloudApproval.Cases.Efficiency;

/// <summary>
/// The efficiency dashboard (measure 9) for a period of China dates, both days included: what came in, was accepted and
/// closed each day, per matter the cycle time and the on-time rates, and, as of <paramref name="Today"/>, the open cases.
/// Only cases of catalogued matters count (an online application names its matter); a case started without one has none.
/// </summary>
/// <param name="From">The period's first day.</param>
/// <param name="To">The period's last day.</param>
/// <param name="Today">The day the open cases are counted on.</param>
/// <param name="NearDueBy">The last day that counts as near due (<see cref="Tasks.Workload.NearDueWorkingDays"/> working days ahead).</param>
/// <param name="Department">The department filter, if any.</param>
/// <param name="Matter">The matter filter, if any.</param>
/// <param name="Days">Each day of the period.</param>
/// <param name="Matters">Each matter shown, by department then code.</param>
/// <param name="Backlog">Each department shown: its open cases today.</param>
/// <param name="Overdue">Open cases whose legal clock runs past its due date (a suspended clock is not late), most overdue first (at most <see cref="EfficiencyFigures.MaxListed"/>).</param>
/// <param name="NearDue">Open cases due from today to <paramref name="NearDueBy"/>, soonest first (at most <see cref="EfficiencyFigures.MaxListed"/>).</param>
/// <param name="Alerts">On-time alerts raised in the period for the matters shown (<see cref="OnTimeAlertCheck"/>), newest first.</param>
public sealed record EfficiencyReport(
    DateOnly From,
    DateOnly To,
    DateOnly Today,
    DateOnly NearDueBy,
    string? Department,
    string? Matter,
    IReadOnlyList<DayFigures> Days,
    IReadOnlyList<MatterFigures> Matters,
    IReadOnlyList<DepartmentBacklog> Backlog,
    IReadOnlyList<DueCase> Overdue,
    IReadOnlyList<DueCase> NearDue,
    IReadOnlyList<OnTimeAlertView> Alerts);

/// <summary>One day of the period.</summary>
/// <param name="Day">The day.</param>
/// <param name="Received">Applications submitted that day (their cases started).</param>
/// <param name="Accepted">Cases whose legal clock started that day (受理).</param>
/// <param name="Closed">Cases decided that day (the clock stopped), or ended that day without a decision (not accepted, withdrawn).</param>
public sealed record DayFigures(DateOnly Day, int Received, int Accepted, int Closed);

/// <summary>
/// One matter over the period. Cycle time is the working days from acceptance to decision on the official calendar
/// (调休 working weekends counted, holidays not), suspended days (art. 45) not counted, as the legal clock counts them.
/// On time is the engine's own judgement when the clock stopped, against the legal limit (extension included) and the
/// promised limit; a percentage is null when nothing was decided.
/// </summary>
/// <param name="Code">The matter's code.</param>
/// <param name="NameZh">Its Chinese name.</param>
/// <param name="NameEn">Its English name.</param>
/// <param name="Department">The department that decides it.</param>
/// <param name="LegalLimitWorkingDays">法定时限 in working days.</param>
/// <param name="PromisedLimitWorkingDays">承诺时限 in working days.</param>
/// <param name="Received">Received in the period.</param>
/// <param name="Accepted">Accepted in the period.</param>
/// <param name="Closed">Closed in the period (decided, or ended without a decision).</param>
/// <param name="Decided">Decisions in the period (the clock stopped).</param>
/// <param name="MedianWorkingDays">The median cycle time of those decisions.</param>
/// <param name="P90WorkingDays">The 90th percentile (nearest rank) of the cycle times.</param>
/// <param name="WithinLegal">Decisions within the legal limit.</param>
/// <param name="OnTimeLegalPercent">Of the decisions, within the legal limit.</param>
/// <param name="WithinPromised">Decisions within the promised limit.</param>
/// <param name="OnTimePromisedPercent">Of the decisions judged against a promise, within it.</param>
/// <param name="Suspensions">Suspensions that began in the period.</param>
/// <param name="Extensions">Decisions in the period whose limit had been extended (art. 42).</param>
/// <param name="Open">Open cases today: received and neither decided nor ended.</param>
/// <param name="Overdue">Of those, their legal clock running past its due date (as the case search counts overdue).</param>
public sealed record MatterFigures(
    string Code,
    string NameZh,
    string NameEn,
    string Department,
    int LegalLimitWorkingDays,
    int PromisedLimitWorkingDays,
    int Received,
    int Accepted,
    int Closed,
    int Decided,
    double? MedianWorkingDays,
    int? P90WorkingDays,
    int WithinLegal,
    double? OnTimeLegalPercent,
    int WithinPromised,
    double? OnTimePromisedPercent,
    int Suspensions,
    int Extensions,
    int Open,
    int Overdue);

/// <summary>A department's open cases today: how many, overdue, near due, and with the clock suspended.</summary>
public sealed record DepartmentBacklog(string Department, int Open, int Overdue, int NearDue, int Suspended);

/// <summary>An open case with its legal due date; <paramref name="WorkingDaysLeft"/> as the inbox shows it (negative overdue).</summary>
public sealed record DueCase(string CaseId, string Matter, string Department, DateOnly DueDate, int? WorkingDaysLeft, DateOnly? PromisedDueDate);
