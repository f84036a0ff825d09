using CloudApproval.Web.Hosting;
using Microsoft.AspNetCore.Authorization;

namespace CloudApproval.Web.Components;

/// <summary>
/// A page's policy, checked against the pages' cookie: a browser that is not signed in is sent to the sign-in page and
/// one without the role to the not-permitted page (the API's default scheme would answer a bare 401 or 403).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class PageAuthorizeAttribute : AuthorizeAttribute
{
    /// <summary>IdentityConstants.ApplicationScheme, as a constant an attribute can take.</summary>
    public const string CookieScheme = "Identity.Application";

    public PageAuthorizeAttribute(string policy = Policies.SignedIn) : base(policy) => AuthenticationSchemes = CookieScheme;
}
