using System.Globalization;

namespace CloudApproval.Cases.Applications;

/// <summary>A keyset cursor, creation ticks and id, in the case list's format.</summary>
internal static class PageCursor
{
    public static string Of(DateTime created, string id) => $"{created.Ticks.ToString(CultureInfo.InvariantCulture)}.{id}";

    public static (DateTime Created, string Id) Parse(string cursor)
    {
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && dot < cursor.Length - 1
            && long.TryParse(cursor.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks)
            return (new DateTime(ticks, DateTimeKind.Utc), cursor[(dot + 1)..]);
        throw new CasesException("invalid-input", $"after: '{cursor}' is not a page cursor returned by a previous page");
    }
}
