namespace CloudApproval.Cases.Applicants;

/// <summary>
/// The port to whatever establishes an applicant's real name: in production the city's identity platform (一网通办
/// 统一身份认证); embedded, <see cref="CodeCheckVerification"/>. Replace the registration to plug in another.
/// </summary>
public interface IRealNameVerification
{
    Task<RealNameVerdict> VerifyAsync(RealNameClaim claim, CancellationToken cancellationToken);
}

/// <summary>Who the applicant says they are.</summary>
public sealed record RealNameClaim(ApplicantKind Kind, string Name, string? CreditCode, string? IdNumber, string? RepresentativeIdNumber);

/// <summary>The verifier's answer: the level reached, or why it refused, and its own name for the record.</summary>
public sealed record RealNameVerdict(RealNameLevel Level, string Verifier, string? Refusal = null);

/// <summary>
/// The embedded verifier: the codes pass their checks (GB 32100, GB 11643), so <see cref="RealNameLevel.CodesChecked"/>.
/// It cannot tell a well-formed stranger's code from the applicant's own; a deployment that serves real applicants
/// plugs in its identity platform.
/// </summary>
public sealed class CodeCheckVerification(TimeProvider time) : IRealNameVerification
{
    public const string Name = "embedded-code-check";

    public Task<RealNameVerdict> VerifyAsync(RealNameClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var problem = claim.Kind == ApplicantKind.Enterprise
            ? SocialCreditCode.Problem(claim.CreditCode) ?? ResidentIdNumber.Problem(claim.RepresentativeIdNumber, today)
            : ResidentIdNumber.Problem(claim.IdNumber, today);
        return Task.FromResult(problem is null
            ? new RealNameVerdict(RealNameLevel.CodesChecked, Name)
            : new RealNameVerdict(RealNameLevel.None, Name, problem));
    }
}
