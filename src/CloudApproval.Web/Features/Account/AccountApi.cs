using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CloudApproval.Web.Features.Account;

/// <summary>
/// Sign-in for API clients (a bearer token) and browsers (a cookie). Only these three routes: accounts are created by
/// an admin (or the demo seed), never by self-registration, so Identity's full endpoint set is not mapped.
/// </summary>
public static class AccountApi
{
    public static RouteGroupBuilder MapAccountApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/identity").WithTags("Identity");
        group.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(RateLimits.Login)
            .WithSummary("Sign in: a bearer token (default) or, with useCookies=true, a cookie");
        group.MapPost("/refresh", RefreshAsync).AllowAnonymous().RequireRateLimiting(RateLimits.Login)
            .WithSummary("A new access token for a refresh token");
        group.MapPost("/logout", LogoutAsync).RequireAuthorization(Policies.SignedIn)
            .WithSummary("Ends a cookie session");
        return api;
    }

    /// <summary>Credentials.</summary>
    public sealed record LoginRequest(string UserName, string Password);

    /// <summary>A refresh token from an earlier login.</summary>
    public sealed record RefreshRequest(string RefreshToken);

    private static async Task<Results<Ok<AccessTokenResponse>, EmptyHttpResult, ProblemHttpResult>> LoginAsync(
        LoginRequest login, bool? useCookies, SignInManager<AppUser> signIn)
    {
        if (string.IsNullOrWhiteSpace(login.UserName) || string.IsNullOrEmpty(login.Password))
            return TypedResults.Problem("userName and password are required", statusCode: StatusCodes.Status400BadRequest);
        signIn.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(login.UserName, login.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
            return TypedResults.Problem("too many failed sign-ins: the account is locked for 15 minutes", statusCode: StatusCodes.Status423Locked);
        if (!result.Succeeded)
            return TypedResults.Problem("user name or password is wrong", statusCode: StatusCodes.Status401Unauthorized);
        // The sign-in manager has already written the token (or set the cookie) into the response.
        return TypedResults.Empty;
    }

    private static async Task<Results<Ok<AccessTokenResponse>, SignInHttpResult, ChallengeHttpResult>> RefreshAsync(
        RefreshRequest refresh, SignInManager<AppUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time)
    {
        var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(refresh.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
            return TypedResults.Challenge();
        return TypedResults.SignIn(await signIn.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<NoContent> LogoutAsync(SignInManager<AppUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }
}
