using System.Globalization;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Web.Components.Workspaces;

/// <summary>Times as the pages show them: instants in China time (what the notices and the legal clock use), days as yyyy-MM-dd.</summary>
internal static class Times
{
    /// <summary>A stored UTC instant (SQLite returns it unspecified) in China time; empty for none.</summary>
    public static string Of(DateTime? utc) => utc is { } at
        ? ChinaTime.Format(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)))
        : "";

    public static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
