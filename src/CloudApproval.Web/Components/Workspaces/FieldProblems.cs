namespace CloudApproval.Web.Components.Workspaces;

/// <summary>
/// The use cases refuse bad input with one message listing every problem ("'opinion' (Review opinion) is required;
/// items[0].fix: say how ..."): the parts that name a field are shown at that field, so the page repeats the server's
/// own check and never one of its own.
/// </summary>
internal static class FieldProblems
{
    public static string? For(string? message, string marker) => message is null
        ? null
        : string.Join("; ", message.Split("; ").Where(part => part.Contains(marker, StringComparison.Ordinal))) is { Length: > 0 } found ? found : null;

    /// <summary>The parts about exactly this field ("idNumber: ..."), not those merely mentioning it ("agent.idNumber: ...").</summary>
    public static string? OfField(string? message, string field) => message is null
        ? null
        : string.Join("; ", message.Split("; ").Where(part => part.StartsWith(field + ":", StringComparison.Ordinal))) is { Length: > 0 } found ? found : null;
}
