namespace CloudApproval.Cases.Applicants;

/// <summary>
/// The field checks of a profile: every problem is named by its field (<c>creditCode</c>, <c>legalRepresentative.idNumber</c>,
/// <c>electronicService.scope[1]</c>) and all are reported together.
/// </summary>
internal static class ProfileRules
{
    public const int MaxNameLength = 200;

    public static CheckedProfile Check(ProfileInput input, DateOnly today)
    {
        var problems = new List<(string Code, string Text)>();
        void Problem(string code, string field, string text) => problems.Add((code, $"{field}: {text}"));

        ApplicantKind? kind = input.Kind switch
        {
            "enterprise" => ApplicantKind.Enterprise,
            "person" => ApplicantKind.Person,
            _ => null,
        };
        if (kind is null) Problem("invalid-profile", "kind", input.Kind is null ? "required: enterprise or person" : $"'{input.Kind}' is neither enterprise nor person");
        var name = Name(input.Name, "name", Problem);
        PersonInput? representative = null;
        if (kind == ApplicantKind.Enterprise)
        {
            if (SocialCreditCode.Problem(input.CreditCode) is { } code) Problem("invalid-credit-code", "creditCode", code);
            if (input.LegalRepresentative is null) Problem("invalid-profile", "legalRepresentative", "required for an enterprise");
            else representative = Person(input.LegalRepresentative, "legalRepresentative", today, Problem);
            if (input.IdNumber is not null) Problem("invalid-profile", "idNumber", "an enterprise has a credit code, not an identity number (the legal representative's goes in legalRepresentative.idNumber)");
        }
        else if (kind == ApplicantKind.Person)
        {
            if (ResidentIdNumber.Problem(input.IdNumber, today) is { } number) Problem("invalid-id-number", "idNumber", number);
            if (input.CreditCode is not null) Problem("invalid-profile", "creditCode", "a person has no unified social credit code");
            if (input.LegalRepresentative is not null) Problem("invalid-profile", "legalRepresentative", "only an enterprise has a legal representative");
        }
        var agent = input.Agent is null ? null : Person(input.Agent, "agent", today, Problem);
        var scope = new List<string>();
        var consented = input.ElectronicService?.Consented == true;
        var requested = input.ElectronicService?.Scope ?? [];
        for (var i = 0; i < requested.Count; i++)
        {
            var field = $"electronicService.scope[{i}]";
            if (!EServiceScopes.All.Contains(requested[i])) Problem("invalid-profile", field, $"'{requested[i]}' is not a kind of document; known: {string.Join(", ", EServiceScopes.All)}");
            else if (scope.Contains(requested[i])) Problem("invalid-profile", field, $"'{requested[i]}' is listed twice");
            else scope.Add(requested[i]);
        }
        if (consented && requested.Count == 0) Problem("invalid-profile", "electronicService.scope", "consent covers named kinds of document: list at least one");
        if (!consented && requested.Count > 0) Problem("invalid-profile", "electronicService.scope", "no consent is given (consented is false), so no scope applies");
        if (problems.Count > 0)
        {
            // One problem keeps its own code (a failed check character is invalid-credit-code); several are invalid-profile.
            throw new CasesException(problems.Count == 1 ? problems[0].Code : "invalid-profile", string.Join("; ", problems.Select(p => p.Text)));
        }
        return new CheckedProfile(kind!.Value, name!, kind == ApplicantKind.Enterprise ? input.CreditCode : null, representative,
            kind == ApplicantKind.Person ? input.IdNumber : null, agent, consented, scope.Order(StringComparer.Ordinal).ToList());
    }

    private static PersonInput Person(PersonInput person, string field, DateOnly today, Action<string, string, string> problem)
    {
        Name(person.Name, $"{field}.name", problem);
        if (ResidentIdNumber.Problem(person.IdNumber, today) is { } number) problem("invalid-id-number", $"{field}.idNumber", number);
        return person;
    }

    private static string? Name(string? name, string field, Action<string, string, string> problem)
    {
        if (string.IsNullOrWhiteSpace(name)) problem("invalid-profile", field, "required");
        else if (name.Length > MaxNameLength) problem("invalid-profile", field, $"{name.Length} characters; at most {MaxNameLength}");
        else return name.Trim();
        return null;
    }
}

/// <summary>A profile input that passed every check.</summary>
internal sealed record CheckedProfile(ApplicantKind Kind, string Name, string? CreditCode, PersonInput? LegalRepresentative, string? IdNumber,
    PersonInput? Agent, bool EServiceConsented, IReadOnlyList<string> EServiceScope);
