namespace CloudApproval.Cases.Matters;

/// <summary>
/// The application form of a matter (申请表): the particulars an applicant fills in, each checked by the server when the
/// draft is saved and again at submission (<see cref="Applications.ApplicationParticulars"/>), and signed with their
/// labels as the applicant read them.
/// </summary>
public sealed record MatterForm(IReadOnlyList<MatterField> Fields);

/// <summary>
/// One particular. <paramref name="MaxLength"/> and <paramref name="Pattern"/> apply to text, <paramref name="Min"/> and
/// <paramref name="Max"/> to numbers, <paramref name="Options"/> to a select (and only there).
/// </summary>
/// <param name="Key">The key of the value in the application's data (a camelCase identifier, unique in the form).</param>
/// <param name="Label">What the applicant reads, in Chinese and English.</param>
/// <param name="Type">One of <see cref="MatterFieldTypes.All"/>.</param>
/// <param name="Required">Whether the application can be saved without it.</param>
/// <param name="MaxLength">Text only: the longest value, in characters.</param>
/// <param name="Pattern">Text only: a regular expression the whole (trimmed) value must match.</param>
/// <param name="Min">Number only: the smallest value.</param>
/// <param name="Max">Number only: the largest value.</param>
/// <param name="Options">Select only, and required there: the values to choose from.</param>
/// <param name="Help">A hint shown under the field.</param>
public sealed record MatterField(
    string Key,
    MatterName Label,
    string Type,
    bool Required,
    int? MaxLength = null,
    string? Pattern = null,
    decimal? Min = null,
    decimal? Max = null,
    IReadOnlyList<MatterFieldOption>? Options = null,
    MatterName? Help = null);

/// <summary>A choice of a select field: the value stored and what the applicant reads.</summary>
public sealed record MatterFieldOption(string Value, MatterName Label);

/// <summary>The kinds of particulars; each is stored as one JSON value of one kind.</summary>
public static class MatterFieldTypes
{
    /// <summary>One line of text (a JSON string).</summary>
    public const string Text = "text";
    /// <summary>Several lines of text (a JSON string).</summary>
    public const string Multiline = "multiline";
    /// <summary>A decimal number (a JSON number).</summary>
    public const string Number = "number";
    /// <summary>A calendar day (a JSON string, yyyy-MM-dd).</summary>
    public const string Date = "date";
    /// <summary>One of the field's options (a JSON string, the option's value).</summary>
    public const string Select = "select";
    /// <summary>Yes or no (JSON true or false).</summary>
    public const string Boolean = "boolean";

    public static IReadOnlyList<string> All { get; } = [Text, Multiline, Number, Date, Select, Boolean];

    public static bool IsText(string type) => type is Text or Multiline;

    /// <summary>The longest text a field may declare: particulars are short; documents are materials.</summary>
    public const int MaxTextLength = 4000;
}
