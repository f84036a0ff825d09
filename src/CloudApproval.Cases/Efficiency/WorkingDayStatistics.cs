namespace CloudApproval.Cases.Efficiency;

/// <summary>Median and 90th percentile of cycle times in whole working days.</summary>
internal static class WorkingDayStatistics
{
    /// <summary>The middle value, or the mean of the two middle ones; null for no values.</summary>
    public static double? Median(IReadOnlyList<int> sorted) => sorted.Count == 0
        ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2.0;

    /// <summary>The nearest-rank 90th percentile: the smallest value at or under which 90% of the values lie; null for none.</summary>
    public static int? P90(IReadOnlyList<int> sorted) => sorted.Count == 0 ? null : sorted[(int)Math.Ceiling(0.9 * sorted.Count) - 1];

    /// <summary>A share in percent to one decimal; null when there is nothing to divide.</summary>
    public static double? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1);
}
