namespace CloudApproval.Cases.Matters;

/// <summary>
/// A catalogued matter (事项) as <c>workflows/matters/&lt;code&gt;.json</c> describes it: what may be applied for, in which
/// department, under which procedure, within which limits, with which materials, and on which legal basis.
/// </summary>
/// <param name="Code">A slug, the file's name.</param>
/// <param name="Name">Chinese and English names.</param>
/// <param name="Department">The department that decides (a slug, as tasks and staff name it).</param>
/// <param name="Procedure">The procedure a case of this matter runs.</param>
/// <param name="LegalLimitWorkingDays">法定时限: the limit the law sets, in working days.</param>
/// <param name="PromisedLimitWorkingDays">承诺时限: the shorter limit the department promises.</param>
/// <param name="Materials">What the applicant supplies.</param>
/// <param name="Commitment">Whether 告知承诺 is offered, and who is excluded from it.</param>
/// <param name="Licence">The licence a granted case issues; null when none.</param>
/// <param name="LegalBasis">The laws and rules the matter rests on (at least one).</param>
/// <param name="Form">The particulars the applicant fills in (申请信息); null for a matter that declares none, whose wizard
/// asks the general three (name, address, what for) and whose data the server takes as it comes.</param>
public sealed record Matter(
    string Code,
    MatterName Name,
    string Department,
    ProcedureBinding Procedure,
    int LegalLimitWorkingDays,
    int PromisedLimitWorkingDays,
    IReadOnlyList<MatterMaterial> Materials,
    CommitmentTerms Commitment,
    LicenceIssued? Licence,
    IReadOnlyList<LegalBasis> LegalBasis,
    MatterForm? Form = null);

/// <summary>A name in Chinese (the legal name) and English.</summary>
public sealed record MatterName(string Zh, string En);

/// <summary>
/// The procedure definition a matter runs; a pinned version, or the latest published when null. <paramref name="Inputs"/>
/// sets the procedure's variables for every case of the matter (e.g. a joint review's departments and silence policy):
/// declared variables of that procedure, of their declared types, checked when the matter is validated and imported.
/// </summary>
public sealed record ProcedureBinding(string DefinitionId, int? Version, System.Text.Json.Nodes.JsonObject? Inputs = null)
{
    /// <summary>What the product itself gives every case and a matter may not set: the deciding department, the application.</summary>
    public static readonly IReadOnlyList<string> ReservedInputs = ["department", "application"];
}

/// <summary>
/// One material of a matter. <paramref name="Key"/> materials decide the substance and can never be deferred under 容缺;
/// <paramref name="ReplaceableByCommitment"/> ones are waived by a signed 告知承诺; an applicant holding an e-licence of
/// type <paramref name="SatisfiedByELicence"/> submits nothing (材料免提交).
/// </summary>
public sealed record MatterMaterial(
    string Code,
    MatterName Name,
    bool Key,
    bool Deferrable,
    bool ReplaceableByCommitment,
    string? SatisfiedByELicence,
    IReadOnlyList<string> FileTypes,
    int MaxSizeMb);

/// <summary>告知承诺: offered or not, and which applicants may not use it (always the flagged ones when offered).</summary>
public sealed record CommitmentTerms(bool Offered, IReadOnlyList<string> ExcludedApplicants);

/// <summary>
/// The licence issued, with its validity in whole years or months (exactly one of them); <c>Prefix</c> is the short prefix
/// of its numbers (SP-2026-000042), the type's initials (or its one word) upper-cased when null.
/// </summary>
public sealed record LicenceIssued(string Type, MatterName Name, int? ValidityYears, int? ValidityMonths, string? Prefix = null);

/// <summary>A law or rule and the article that grounds the matter.</summary>
public sealed record LegalBasis(string Title, string Article);

/// <summary>The closed vocabularies of matter files, shared by the reader and the schema.</summary>
public static class MatterVocabulary
{
    /// <summary>File types a material may be uploaded as (OFD is China's format for e-documents; DWG/DXF drawings).</summary>
    public static IReadOnlyList<string> FileTypes { get; } = ["pdf", "ofd", "jpg", "png", "tif", "docx", "xlsx", "dwg", "dxf", "zip"];

    /// <summary>Applicants flagged for serious bad credit (严重失信).</summary>
    public const string SeriousBadCredit = "serious-bad-credit";

    /// <summary>Applicants who made a false commitment before (曾作出虚假承诺).</summary>
    public const string FalseCommitment = "false-commitment";

    /// <summary>Applicants who are natural persons.</summary>
    public const string Persons = "persons";

    /// <summary>Applicants who are enterprises and other organisations.</summary>
    public const string Enterprises = "enterprises";

    /// <summary>Applications made through an agent (委托代理).</summary>
    public const string ThroughAgent = "through-agent";

    /// <summary>Who a matter may exclude from 告知承诺.</summary>
    public static IReadOnlyList<string> Exclusions { get; } = [SeriousBadCredit, FalseCommitment, Persons, Enterprises, ThroughAgent];

    /// <summary>Excluded wherever 告知承诺 is offered (the State Council's rule for every matter): files must say so.</summary>
    public static IReadOnlyList<string> AlwaysExcluded { get; } = [SeriousBadCredit, FalseCommitment];

    public const int MaxSizeMb = 200;
    public const int MaxLegalLimit = 365;
}
