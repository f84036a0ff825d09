using System.Globalization;
using System.Text.RegularExpressions;
using CloudApproval.Engine.Definitions;

namespace CloudApproval.Web.Components.Designer;

/// <summary>Where a validation problem is on the canvas: the activity (by id) and the field of the property panel.</summary>
/// <param name="ActivityId">The activity, or null for a problem of the procedure as a whole.</param>
/// <param name="Field">An input's name, <c>id</c>, <c>displayName</c>, or null.</param>
public sealed partial record ProblemLocation(string? ActivityId, string? Field)
{
    /// <summary>Reads a JSON path such as <c>$.activities[3].inputs.title[0]</c> or <c>$.connections[2].outcome</c> against the definition it came from.</summary>
    public static ProblemLocation Of(string path, ProcedureDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(definition);
        var activity = ActivityPath().Match(path);
        if (activity.Success && Index(activity, definition.Activities.Count) is { } i)
            return new(definition.Activities[i].Id, activity.Groups["input"].Success ? activity.Groups["input"].Value
                : activity.Groups["field"].Success ? activity.Groups["field"].Value : null);
        var connection = ConnectionPath().Match(path);
        if (connection.Success && Index(connection, definition.Connections.Count) is { } c)
            return new(definition.FindActivity(definition.Connections[c].Source)?.Id, null);
        return new(null, null);
    }

    private static int? Index(Match match, int count) =>
        int.TryParse(match.Groups["i"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < count ? i : null;

    [GeneratedRegex(@"^\$\.activities\[(?<i>\d+)\](?:\.inputs\.(?<input>[A-Za-z0-9_]+)|\.(?<field>id|displayName|type))?")]
    private static partial Regex ActivityPath();

    [GeneratedRegex(@"^\$\.connections\[(?<i>\d+)\]")]
    private static partial Regex ConnectionPath();
}
