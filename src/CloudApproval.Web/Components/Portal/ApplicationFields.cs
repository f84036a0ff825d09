namespace CloudApproval.Web.Components.Portal;

/// <summary>
/// The particulars the apply wizard asks for. A matter file declares its materials, limits and terms but no form fields
/// (the application form itself is one of its materials), so every matter gets the same few: the name the applicant
/// applies under, where, and what for. They go to the case as <c>application.data</c>, which no procedure reads.
/// </summary>
internal static class ApplicationFields
{
    public const string SubjectName = "subjectName";
    public const string Address = "address";
    public const string Description = "description";

    public static IReadOnlyList<string> All { get; } = [SubjectName, Address, Description];
}
