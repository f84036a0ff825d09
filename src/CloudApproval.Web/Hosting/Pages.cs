using System.Globalization;
using CloudApproval.Web.Components;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

namespace CloudApproval.Web.Hosting;

/// <summary>The browser application: Blazor pages rendered on the server (interactive over a circuit), in Chinese or English.</summary>
internal static class Pages
{
    /// <summary>Chinese is the default; English on request (the language switch sets the culture cookie).</summary>
    public static readonly string[] Cultures = ["zh-CN", "en"];

    public static WebApplicationBuilder AddPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddMudServices();
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        // Outside Development (the built dll run directly, as the tests and an operator do) the _content/ files of
        // packages are found only through the static web assets manifest.
        builder.WebHost.UseStaticWebAssets();
        return builder;
    }

    public static IApplicationBuilder UsePageCultures(this IApplicationBuilder app)
    {
        var cultures = Cultures.Select(CultureInfo.GetCultureInfo).ToList();
        return app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(cultures[0]),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            // Only the cookie the switch sets decides: the pages are Chinese unless English was chosen.
            RequestCultureProviders = [new CookieRequestCultureProvider()],
        });
    }

    public static WebApplication MapCloudApprovalPages(this WebApplication app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().Add(ChallengeWithTheCookie);
        return app;
    }

    /// <summary>
    /// A page that needs a user is checked against the pages' cookie, so a browser that is not signed in is sent to the
    /// sign-in page and one without the role to the not-permitted page (the default scheme, the API's, would answer a
    /// bare 401 or 403). Components may not name a scheme themselves, so the page's endpoint gets it here.
    /// </summary>
    private static void ChallengeWithTheCookie(EndpointBuilder endpoint)
    {
        if (endpoint.Metadata.OfType<IAuthorizeData>().Any() && !endpoint.Metadata.OfType<IAllowAnonymous>().Any())
            endpoint.Metadata.Add(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme });
    }
}
