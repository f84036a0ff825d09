using System.Net;
using System.Text;
using CloudApproval.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CloudApproval.Web.Tests.Api;

/// <summary>
/// Every endpoint the application maps × every role and anonymous, against the table below. An endpoint added without
/// a row fails here, so nobody ships a route without deciding who may call it.
/// </summary>
[Category(TestCategories.HttpSurface)]
public sealed class AuthorizationMatrixTests
{
    private const string Anyone = "anonymous,Admin,Analyst,Clerk,DepartmentHead,Auditor,Applicant";
    private const string SignedIn = "Admin,Analyst,Clerk,DepartmentHead,Auditor,Applicant";
    private const string Staff = "Admin,Analyst,Clerk,DepartmentHead,Auditor";
    private const string Casework = "Applicant,Clerk,DepartmentHead";
    private const string CaseReaders = "Admin,Applicant,Clerk,DepartmentHead,Auditor";
    private const string Officials = "Admin,Clerk,DepartmentHead,Auditor";
    private const string Caseworkers = "Clerk,DepartmentHead";

    /// <summary>Route → who may call it, and a request that reaches the handler (path filled, query and body valid enough).</summary>
    private static readonly Dictionary<string, (string Allowed, string Path, string? Body)> Expected = new()
    {
        ["ANY /health"] = (Anyone, "/health", null),
        ["GET /openapi/{documentName}.json"] = (Anyone, "/openapi/v1.json", null),
        ["GET /scalar/{documentName?}"] = (Anyone, "/scalar/v1", null),
        ["GET /scalar/scalar.js"] = (Anyone, "/scalar/scalar.js", null),
        ["GET /scalar/scalar.aspnetcore.js"] = (Anyone, "/scalar/scalar.aspnetcore.js", null),
        ["GET /scalar/favicon.svg"] = (Anyone, "/scalar/favicon.svg", null),
        ["ANY /hangfire/{**path}"] = ("Admin", "/hangfire", null),
        ["POST /api/identity/login"] = (Anyone, "/api/identity/login", $$"""{"userName":"applicant-liu","password":"{{WebHost.Password}}"}"""),
        ["POST /api/identity/refresh"] = (Anyone, "/api/identity/refresh", """{"refreshToken":"{refresh}"}"""),
        ["POST /api/identity/logout"] = (SignedIn, "/api/identity/logout", ""),
        ["GET /api/me"] = (SignedIn, "/api/me", null),
        ["GET /api/activity-types"] = (Staff, "/api/activity-types", null),
        ["GET /api/procedures/"] = (Staff, "/api/procedures", null),
        ["GET /api/procedures/{id}"] = (Staff, "/api/procedures/commitment", null),
        ["GET /api/procedures/{id}/versions/{version:int}"] = (Staff, "/api/procedures/commitment/versions/1", null),
        ["POST /api/procedures/validate"] = ("Admin,Analyst", "/api/procedures/validate", "{}"),
        // The designer's writes: the policy lets admins through, the use case lets only analysts act.
        ["PUT /api/procedures/{id}/draft"] = ("Analyst", "/api/procedures/commitment/draft", "{}"),
        ["POST /api/procedures/{id}/draft/publish"] = ("Analyst", "/api/procedures/commitment/draft/publish", ""),
        ["POST /api/procedures/{id}/versions/{version:int}/retire"] = ("Analyst", "/api/procedures/commitment/versions/99/retire", ""),
        ["POST /api/procedures/{id}/simulate"] = ("Analyst", "/api/procedures/commitment/simulate", "{}"),
        // The public catalogue (办事指南): the law requires it published, so anonymous callers read it too.
        ["GET /api/matters/"] = (Anyone, "/api/matters", null),
        ["GET /api/matters/{code}"] = (Anyone, "/api/matters/food-business-licence", null),
        // A profile is the applicant's own; the PUT is refused in the handler (a bad identity number), so nothing is saved.
        ["GET /api/my/profile/"] = ("Applicant", "/api/my/profile", null),
        ["PUT /api/my/profile/"] = ("Applicant", "/api/my/profile", """{"kind":"person","name":"陈静","idNumber":"110105194912310021"}"""),
        // Credit flags come from the credit record: administrators only; the request names nobody with a profile, so nothing changes.
        ["PUT /api/applicants/{userName}/credit"] = ("Admin", "/api/applicants/nobody-here/credit", """{"seriousBadCredit":true,"falseCommitment":false}"""),
        // Applications are the applicant's own; each request reaches the handler and is refused there (unknown matter or
        // application), so nothing is stored.
        ["POST /api/applications/"] = ("Applicant", "/api/applications", """{"matter":"no-such-matter"}"""),
        ["GET /api/applications/"] = ("Applicant", "/api/applications", null),
        ["GET /api/applications/{id}"] = ("Applicant", "/api/applications/AP-NONE", null),
        ["GET /api/applications/{id}/materials"] = ("Applicant", "/api/applications/AP-NONE/materials", null),
        ["POST /api/applications/{id}/materials/{materialCode}"] = ("Applicant", "/api/applications/AP-NONE/materials/application-form", null),
        ["GET /api/applications/{id}/materials/{materialCode}"] = ("Applicant", "/api/applications/AP-NONE/materials/application-form", null),
        ["POST /api/applications/{id}/submit"] = ("Applicant", "/api/applications/AP-NONE/submit", """{"commitment":false}"""),
        ["PUT /api/applications/{id}/particulars"] = ("Applicant", "/api/applications/AP-NONE/particulars", """{"data":{}}"""),
        ["DELETE /api/applications/{id}"] = ("Applicant", "/api/applications/AP-NONE", null),
        ["PUT /api/applications/{id}/materials/{materialCode}/licence"] = ("Applicant", "/api/applications/AP-NONE/materials/business-licence/licence", """{"number":"BUSINESS-LICENCE-NONE"}"""),
        ["GET /api/my/applications"] = ("Applicant", "/api/my/applications", null),
        ["GET /api/my/corrections"] = ("Applicant", "/api/my/corrections", null),
        ["POST /api/applications/{id}/corrections"] = ("Applicant", "/api/applications/AP-NONE/corrections", """{"materials":["business-licence"]}"""),
        ["POST /api/applications/{id}/supplement"] = ("Applicant", "/api/applications/AP-NONE/supplement", """{"materials":["premises-layout"]}"""),
        ["POST /api/tasks/{id:long}/corrections"] = (Caseworkers, "/api/tasks/999999/corrections", """{"items":[{"material":"business-licence","problem":"unreadable","fix":"a clear scan"}]}"""),
        ["GET /api/cases/{id}/application/verify"] = (CaseReaders, "/api/cases/CA-20260101-NONE/application/verify", null),
        ["GET /api/cases/{id}/materials"] = (CaseReaders, "/api/cases/CA-20260101-NONE/materials", null),
        ["GET /api/cases/{id}/materials/{materialCode}"] = (CaseReaders, "/api/cases/CA-20260101-NONE/materials/business-licence", null),
        // An applicant's notices; opening an unknown one is refused in the handler.
        ["GET /api/my/notices/"] = ("Applicant", "/api/my/notices", null),
        ["GET /api/my/notices/{id:long}"] = ("Applicant", "/api/my/notices/999999", null),
        // Documents: the policy lets case readers through, the use case answers an unknown document 404.
        ["GET /api/documents/{id}"] = (CaseReaders, "/api/documents/DOC-NONE", null),
        ["GET /api/documents/{id}/verify"] = (CaseReaders, "/api/documents/DOC-NONE/verify", null),
        ["GET /api/calendar/{year:int}"] = (Anyone, "/api/calendar/2026", null),
        ["GET /api/calendar/add"] = (Anyone, "/api/calendar/add?date=2026-02-13&days=1", null),
        ["GET /api/calendar/between"] = (Anyone, "/api/calendar/between?from=2026-09-30&to=2026-10-12", null),
        // Requests that reach the handler and are refused there (unknown ids), so the status shows the policy alone.
        ["POST /api/cases/"] = (Casework, "/api/cases", """{"procedure":"no-such-procedure","applicant":"applicant-chen"}"""),
        ["GET /api/cases/"] = (CaseReaders, "/api/cases", null),
        ["GET /api/cases/{id}"] = (CaseReaders, "/api/cases/CA-20260101-NONE", null),
        ["GET /api/cases/{id}/timeline"] = (CaseReaders, "/api/cases/CA-20260101-NONE/timeline", null),
        ["POST /api/cases/{id}/events/{name}"] = (Casework, "/api/cases/CA-20260101-NONE/events/materials-supplemented", "{}"),
        ["GET /api/cases/{id}/audit"] = (Officials, "/api/cases/CA-20260101-NONE/audit", null),
        ["GET /api/tasks/"] = (Officials, "/api/tasks", null),
        ["GET /api/tasks/{id:long}"] = (Officials, "/api/tasks/999999", null),
        ["GET /api/tasks/workload"] = (Officials, "/api/tasks/workload", null),
        ["POST /api/tasks/{id:long}/claim"] = (Caseworkers, "/api/tasks/999999/claim", null),
        ["POST /api/tasks/{id:long}/release"] = (Caseworkers, "/api/tasks/999999/release", null),
        ["POST /api/tasks/{id:long}/assign"] = ("DepartmentHead", "/api/tasks/999999/assign", """{"assignee":"clerk-ma"}"""),
        // A reminder about an unknown task is refused in the handler (404): nothing is sent.
        ["POST /api/tasks/{id:long}/remind"] = ("DepartmentHead", "/api/tasks/999999/remind", """{"message":"请尽快办理"}"""),
        ["GET /api/me/alerts"] = (Caseworkers, "/api/me/alerts", null),
        ["POST /api/tasks/{id:long}/complete"] = (Caseworkers, "/api/tasks/999999/complete", """{"outcome":"approve"}"""),
        ["GET /api/audit/verify"] = ("Admin,Auditor", "/api/audit/verify", null),
        ["GET /api/audit/consistency"] = ("Admin,Auditor", "/api/audit/consistency", null),
        ["GET /api/audit/report"] = ("Admin,Auditor", "/api/audit/report", null),
        ["GET /api/cases/{id}/archive"] = ("Admin,Auditor", "/api/cases/no-such-case/archive", null),
        // The QR code's page: anyone, rate-limited; an unknown number is a 404 for everyone alike.
        ["GET /verify/licences/{number}"] = (Anyone, "/verify/licences/SP-2026-999999", null),
        ["GET /api/my/licences/"] = ("Applicant", "/api/my/licences", null),
        ["GET /api/my/licences/{number}"] = ("Applicant", "/api/my/licences/SP-2026-999999", null),
        ["GET /api/my/licences/{number}/qr.png"] = ("Applicant", "/api/my/licences/SP-2026-999999/qr.png", null),
        ["GET /api/licences/"] = (Officials, "/api/licences?department=market-supervision", null),
        ["GET /api/collaboration/figures"] = (Officials, "/api/collaboration/figures?from=2026-03-01&to=2026-03-31", null),
        ["GET /api/collaboration/assistance-figures"] = (Officials, "/api/collaboration/assistance-figures?from=2026-03-01&to=2026-03-31", null),
        ["GET /api/assistance/catalogue"] = (Officials, "/api/assistance/catalogue", null),
        ["POST /api/cases/{id}/assistance"] = (Caseworkers, "/api/cases/CA-20260101-NONE/assistance", """{"item":"planning-conditions","question":"zoning?"}"""),
        ["GET /api/cases/{id}/assistance"] = (Officials, "/api/cases/CA-20260101-NONE/assistance", null),
        ["GET /api/efficiency"] = ("Admin,DepartmentHead,Auditor", "/api/efficiency?from=2026-03-01&to=2026-03-31", null),
        ["GET /api/licences/delivery-alerts"] = ("Admin,DepartmentHead", "/api/licences/delivery-alerts", null),
        ["GET /api/licences/{number}"] = (Officials, "/api/licences/SP-2026-999999", null),
        ["POST /api/licences/{number}/delivery"] = (Caseworkers, "/api/licences/SP-2026-999999/delivery", """{"method":"counter"}"""),
        ["POST /api/licences/{number}/revoke"] = ("Admin,DepartmentHead", "/api/licences/SP-2026-999999/revoke", """{"reason":"fraud"}"""),
        // Refused in the handler (neither a matter nor a licence type named), so nothing is created.
        ["POST /api/extension-notices/"] = ("Admin,DepartmentHead", "/api/extension-notices",
            """{"department":"market-supervision","expiringFrom":"2031-01-01","expiringTo":"2031-12-31","extendMonths":6,"legalBasis":"x"}"""),
        ["GET /api/extension-notices/"] = (Officials, "/api/extension-notices", null),
        ["GET /api/extension-notices/{id:long}"] = (Officials, "/api/extension-notices/999999", null),
        ["GET /api/extension-notices/{id:long}/preview"] = ("Admin,DepartmentHead", "/api/extension-notices/999999/preview", null),
        ["POST /api/extension-notices/{id:long}/apply"] = ("Admin,DepartmentHead", "/api/extension-notices/999999/apply", null),
        // The pages' machinery: the circuit's hub (the sign-in page is interactive too), the redirect helper of enhanced
        // navigation, and the form posts and link that set or clear the pages' cookies (each checks its own input).
        ["ANY /_blazor"] = (Anyone, "/_blazor", null),
        ["ANY /_blazor/negotiate"] = (Anyone, "/_blazor/negotiate?negotiateVersion=1", ""),
        ["ANY /_blazor/disconnect/"] = (Anyone, "/_blazor/disconnect", null),
        ["ANY /_blazor/initializers/"] = (Anyone, "/_blazor/initializers", null),
        ["GET /_framework/opaque-redirect"] = (Anyone, "/_framework/opaque-redirect", null),
        ["POST /account/signin"] = (Anyone, "/account/signin", ""),
        ["POST /account/signout"] = (Anyone, "/account/signout", ""),
        ["GET /account/culture"] = (Anyone, "/account/culture?culture=en&returnUrl=/signin", null),
    };

    /// <summary>
    /// Page → who may open it. The pages check the browser's cookie: anyone else is sent to the sign-in page (not signed
    /// in) or to the not-permitted page (signed in without the role), never answered with the API's bare 401 or 403.
    /// Blazor maps each page for GET and for POST (its form handling), under the same policy: one row covers both.
    /// </summary>
    private static readonly Dictionary<string, (string Allowed, string Path)> Pages = new()
    {
        ["/signin"] = (Anyone, "/signin"),
        ["/not-permitted"] = (Anyone, "/not-permitted"),
        ["/"] = (SignedIn, "/"),
        ["/designer/procedures"] = ("Admin,Analyst", "/designer/procedures"),
        ["/designer/procedures/{Id}/versions/{Version:int}"] = ("Admin,Analyst", "/designer/procedures/commitment/versions/1"),
        ["/designer/procedures/{Id}/edit"] = ("Admin,Analyst", "/designer/procedures/commitment/edit"),
        ["/designer/procedures/new"] = ("Admin,Analyst", "/designer/procedures/new"),
        ["/designer/procedures/{Id}/compare"] = ("Admin,Analyst", "/designer/procedures/commitment/compare"),
        ["/inbox"] = (Officials, "/inbox"),
        ["/tasks/{Id:long}"] = (Officials, "/tasks/999999"),
        ["/audit"] = ("Admin,Auditor", "/audit"),
        ["/workload"] = ("DepartmentHead", "/workload"),
        ["/my/alerts"] = (Caseworkers, "/my/alerts"),
        ["/efficiency"] = ("Admin,DepartmentHead,Auditor", "/efficiency"),
        ["/audit/cases/{CaseId}"] = ("Admin,Auditor", "/audit/cases/CA-20260101-NONE"),
        ["/audit/report"] = ("Admin,Auditor", "/audit/report"),
        ["/my/applications"] = ("Applicant", "/my/applications"),
        ["/my/notices"] = ("Applicant", "/my/notices"),
        ["/my/licences"] = ("Applicant", "/my/licences"),
        ["/my/profile"] = ("Applicant", "/my/profile"),
        ["/apply/{MatterCode}"] = ("Applicant", "/apply/food-business-licence"),
        // The catalogue is public (art. 30), as GET /api/matters is.
        ["/matters"] = (Anyone, "/matters"),
    };

    /// <summary>One demo user per role; null is anonymous.</summary>
    private static readonly Dictionary<string, string?> Callers = new()
    {
        ["anonymous"] = null,
        ["Admin"] = "admin",
        ["Analyst"] = "analyst-zhao",
        ["Clerk"] = "clerk-li",
        ["DepartmentHead"] = "head-zhou",
        ["Auditor"] = "auditor-sun",
        ["Applicant"] = "applicant-chen",
    };

    private static WebHost s_host = null!;
    private static string s_refreshToken = null!;

    [OneTimeSetUp]
    public static async Task StartHost()
    {
        s_host = new WebHost();
        // A genuine refresh token, so that the refresh row tests authorization and not a bad token.
        using var client = s_host.CreateClient();
        using var login = await client.PostAsync("/api/identity/login", new StringContent(Expected["POST /api/identity/login"].Body!, Encoding.UTF8, "application/json"));
        using var body = System.Text.Json.JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        s_refreshToken = body.RootElement.GetProperty("refreshToken").GetString()!;
    }

    [OneTimeTearDown]
    public static void StopHost() => s_host.Dispose();

    private static List<string> MappedRoutes()
    {
        s_host.CreateClient().Dispose();
        return s_host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [Test]
    public void EveryMappedEndpoint_HasARowInTheMatrix_AndEveryRowIsMapped()
    {
        var mapped = MappedRoutes();

        var rows = Expected.Keys.Concat(Pages.Keys.SelectMany(page => new[] { $"GET {page}", $"POST {page}" })).ToList();
        Assert.That(mapped.Except(rows), Is.Empty, "endpoints without a row: decide who may call them");
        Assert.That(rows.Except(mapped), Is.Empty, "rows for endpoints that no longer exist");
    }

    private static IEnumerable<TestCaseData> Cells() =>
        from route in Expected.Keys
        from caller in Callers.Keys
        select new TestCaseData(route, caller).SetName($"{route} as {caller}");

    [TestCaseSource(nameof(Cells))]
    public async Task Endpoint_AllowsExactlyTheRolesOfItsRow(string route, string caller)
    {
        var (allowed, path, body) = Expected[route];
        using var client = await s_host.ClientForAsync(Callers[caller]);
        var method = route.Split(' ')[0];
        using var request = new HttpRequestMessage(method == "ANY" ? HttpMethod.Get : new HttpMethod(method), path);
        if (body is not null) request.Content = new StringContent(body.Replace("{refresh}", s_refreshToken, StringComparison.Ordinal), Encoding.UTF8, "application/json");

        using var response = await client.SendAsync(request);

        var status = response.StatusCode;
        if (allowed.Split(',').Contains(caller))
            Assert.That(status, Is.Not.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Redirect),
                $"{caller} may call {route}: {await response.Content.ReadAsStringAsync()}");
        else
            Assert.That(status, Is.EqualTo(caller == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden), $"{caller} may not call {route}");
    }

    private static IEnumerable<TestCaseData> PageCells() =>
        from page in Pages.Keys
        from caller in Callers.Keys
        select new TestCaseData(page, caller).SetName($"page {page} as {caller}");

    [TestCaseSource(nameof(PageCells))]
    public async Task Page_OpensForExactlyTheRolesOfItsRow_AndSendsEveryoneElseToSignInOrNotPermitted(string route, string caller)
    {
        var (allowed, path) = Pages[route];
        using var browser = await BrowserForAsync(Callers[caller]);

        using var response = await browser.GetAsync(path);

        if (allowed.Split(',').Contains(caller))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{caller} may open {route}");
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        }
        else
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), $"{caller} may not open {route}");
            var expected = caller == "anonymous" ? "/signin" : "/not-permitted";
            Assert.That(response.Headers.Location?.AbsolutePath, Is.EqualTo(expected));
            Assert.That(response.Headers.Location?.Query, Is.EqualTo("?returnUrl=" + Uri.EscapeDataString(path)));
        }
    }

    /// <summary>A client that keeps cookies and does not follow redirects, signed in (with a cookie) as a demo user.</summary>
    private static async Task<HttpClient> BrowserForAsync(string? userName)
    {
        var client = s_host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (userName is null) return client;
        using var login = await client.PostAsync("/api/identity/login?useCookies=true",
            new StringContent($$"""{"userName":"{{userName}}","password":"{{WebHost.Password}}"}""", Encoding.UTF8, "application/json"));
        Assert.That(login.IsSuccessStatusCode, Is.True, $"{userName} could not sign in with a cookie");
        return client;
    }
}
