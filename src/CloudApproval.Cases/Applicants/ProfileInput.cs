namespace CloudApproval.Cases.Applicants;

/// <summary>What an applicant states about themselves (credit flags and verification are not theirs to state).</summary>
/// <param name="Kind">enterprise or person.</param>
/// <param name="Name">The enterprise's registered name, or the person's name.</param>
/// <param name="CreditCode">The unified social credit code (enterprises).</param>
/// <param name="LegalRepresentative">The legal representative (enterprises).</param>
/// <param name="IdNumber">The identity number (persons).</param>
/// <param name="Agent">Who applies on the applicant's behalf, if anyone.</param>
/// <param name="ElectronicService">Consent to electronic service; none given when null.</param>
public sealed record ProfileInput(
    string? Kind,
    string? Name,
    string? CreditCode = null,
    PersonInput? LegalRepresentative = null,
    string? IdNumber = null,
    PersonInput? Agent = null,
    EServiceInput? ElectronicService = null);

/// <summary>A natural person by name and identity number.</summary>
public sealed record PersonInput(string? Name, string? IdNumber);

/// <summary>Consent to electronic service (电子送达) and the kinds of document it covers.</summary>
public sealed record EServiceInput(bool Consented, IReadOnlyList<string>? Scope = null);
