using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace CloudApproval.Web.Features.Account;

/// <summary>
/// Sign-in, sign-out and the language switch for the pages: plain form posts and links, because a cookie can only be
/// set on an HTTP response, never over the pages' interactive circuit. Sign-in shares the API's rate limit and lockout.
/// </summary>
public static class PageAccount
{
    public const string SignInPage = "/signin";
    public const string NotPermittedPage = "/not-permitted";
    public const string SignInForm = "/account/signin";

    public static IEndpointRouteBuilder MapPageAccount(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/account").ExcludeFromDescription();
        group.MapPost("/signin", SignInAsync).AllowAnonymous().RequireRateLimiting(RateLimits.Login);
        group.MapPost("/signout", SignOutAsync).AllowAnonymous();
        group.MapGet("/culture", SetCulture).AllowAnonymous();
        return app;
    }

    internal static bool IsSignInForm(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals(SignInForm, StringComparison.OrdinalIgnoreCase);

    /// <summary>Back to the sign-in page with the reason (a key the page shows in the reader's language) and the return URL.</summary>
    internal static void RedirectAfterRefusal(HttpContext context, string error)
    {
        var returnUrl = context.Request.HasFormContentType ? LocalOrHome(context.Request.Form["returnUrl"]) : "/";
        context.Response.Redirect($"{SignInPage}?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}");
    }

    private static async Task<IResult> SignInAsync(HttpContext context, [FromForm] string? userName, [FromForm] string? password,
        [FromForm] string? returnUrl, SignInManager<AppUser> signIn)
    {
        var back = LocalOrHome(returnUrl);
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password)) return Refused("missing", back);
        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        var result = await signIn.PasswordSignInAsync(userName, password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut) return Refused("locked-out", back);
        if (!result.Succeeded) return Refused("wrong-password", back);
        return Results.LocalRedirect(back);
    }

    private static IResult Refused(string error, string returnUrl) =>
        Results.Redirect($"{SignInPage}?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}");

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signIn)
    {
        // Binding no form field, this endpoint is not checked by the framework: a foreign page must not sign anyone out.
        if (!await antiforgery.IsRequestValidAsync(context))
            return TypedResults.Problem("the sign-out form is stale: reload the page and sign out again", statusCode: StatusCodes.Status400BadRequest);
        await signIn.SignOutAsync();
        return Results.LocalRedirect(SignInPage);
    }

    /// <summary>Sets the culture cookie (zh-CN or en) and goes back to the page the switch was pressed on.</summary>
    private static IResult SetCulture(HttpContext context, string culture, string? returnUrl, TimeProvider time)
    {
        if (!Pages.Cultures.Contains(culture, StringComparer.Ordinal))
            return TypedResults.Problem($"culture must be one of {string.Join(", ", Pages.Cultures)}", statusCode: StatusCodes.Status400BadRequest);
        context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = time.GetUtcNow().AddYears(1), SameSite = SameSiteMode.Lax, IsEssential = true, HttpOnly = true });
        return Results.LocalRedirect(LocalOrHome(returnUrl));
    }

    /// <summary>Only a path of this site: an open redirect would let a link sign someone in and send them elsewhere.</summary>
    private static string LocalOrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
