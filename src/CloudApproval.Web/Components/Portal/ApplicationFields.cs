namespace CloudApproval.Web.Components.Portal;

/// <summary>
/// The particulars the apply wizard asks for a matter whose file declares no <c>form</c> (every seed matter declares
/// one): the name the applicant applies under, where, and what for, taken by the server as they come.
/// </summary>
internal static class ApplicationFields
{
    public const string SubjectName = "subjectName";
    public const string Address = "address";
    public const string Description = "description";

    public static IReadOnlyList<string> All { get; } = [SubjectName, Address, Description];
}
