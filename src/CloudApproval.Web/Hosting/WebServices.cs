using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Licences;
using CloudApproval.Cases.Persistence;
using CloudApproval.Web.Features.Account;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Web.Hosting;

/// <summary>Everything the web host registers, in one place; <c>Program.cs</c> only names the steps.</summary>
internal static class WebServices
{
    /// <summary>Request bodies larger than this are refused (a procedure definition is the largest legitimate body).</summary>
    public const long MaxBodyBytes = 2 * 1024 * 1024;

    public static WebApplicationBuilder AddCloudApprovalWeb(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(WebSettings.Section);
        var settings = section.Get<WebSettings>() ?? new WebSettings();
        builder.Services.Configure<WebSettings>(section);
        var cases = CasesSettingsFrom(settings, builder.Configuration);
        if (settings.ExtensionBatchPause is { } pause) builder.Services.AddSingleton(new ExtensionJobHooks { PauseAfterBatch = pause });
        builder.Services.AddCloudApprovalCases(cases);

        builder.AddIdentity(cases.Database);
        // Hosted services start in this order: the cases step (added with the shell above), the web's own, then the
        // timer server.
        builder.Services.AddHostedService<StartupTasks>();
        // The storage is the one Cases registered (SQLite file beside the database, or SQL Server), so the CLI and
        // every web node share one queue.
        builder.Services.AddCloudApprovalTimers(settings.TimerWorkersInEffect, "cloudapproval-web");

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxBodyBytes);
        // A bare status (415 from body binding, 401/403 from authentication) becomes a problem through the status-code
        // pages; without this it would carry neither a detail nor the code every other problem has.
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = BareStatusProblems.Complete);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // UseAntiforgery in the pipeline needs its services; without them the host does not start.
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "cloudapproval-antiforgery");
        // Throwing lets the exception handler write a problem with the JSON path instead of an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            var json = o.SerializerOptions;
            json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            json.RespectNullableAnnotations = true;
            json.RespectRequiredConstructorParameters = true;
            json.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimits.Login, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.LoginsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(RateLimits.Public, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.PublicRequestsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(RateLimits.Verify, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.VerificationsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            // Every refusal says when to come back: the window's remaining time when the limiter knows it, else the whole
            // window. A browser's sign-in form is sent back to the page with a message rather than left on a bare 429.
            o.OnRejected = (context, _) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (PageAccount.IsSignInForm(context.HttpContext.Request)) PageAccount.RedirectAfterRefusal(context.HttpContext, "too-many");
                return ValueTask.CompletedTask;
            };
        });
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityTransformer>().AddOperationTransformer<WhoMayCallTransformer>());
        builder.AddPages();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<TimerServerHealthCheck>("timers");
        return builder;
    }

    private static CasesSettings CasesSettingsFrom(WebSettings settings, IConfiguration configuration)
    {
        // On a server database too, the files kept beside the database (uploaded materials, the Data Protection key ring
        // that protects applicants' signing keys, the checkpoint log) live in the folder of SqlitePath: the nodes of a
        // cluster point it at one shared folder.
        var database = settings.Provider switch
        {
            DatabaseProvider.SqlServer => new DatabaseOptions
            {
                Provider = DatabaseProvider.SqlServer,
                SqlServerConnectionString = ServerConnection(settings, configuration),
                SqlitePath = Path.GetFullPath(settings.SqlitePath),
                MigrateAtStart = settings.MigrateAtStart,
            },
            DatabaseProvider.PostgreSql => new DatabaseOptions
            {
                Provider = DatabaseProvider.PostgreSql,
                PostgreSqlConnectionString = ServerConnection(settings, configuration),
                SqlitePath = Path.GetFullPath(settings.SqlitePath),
                MigrateAtStart = settings.MigrateAtStart,
            },
            _ => new DatabaseOptions { SqlitePath = Path.GetFullPath(settings.SqlitePath), MigrateAtStart = settings.MigrateAtStart, GroupCommit = settings.GroupCommit },
        };
        var workflows = settings.WorkflowsFolder is { Length: > 0 } given
            ? Path.GetFullPath(given)
            : WorkflowsLocator.FindFrom(Directory.GetCurrentDirectory()) ?? WorkflowsLocator.FindFrom(AppContext.BaseDirectory)
              ?? throw new InvalidOperationException("no workflows/ folder (with calendars/) here or above; set CloudApproval:WorkflowsFolder");
        if (!Directory.Exists(Path.Combine(workflows, "calendars")))
            throw new InvalidOperationException($"{workflows}: not a workflows folder (no calendars/ inside); set CloudApproval:WorkflowsFolder");
        return new CasesSettings
        {
            Database = database,
            WorkflowsFolder = workflows,
            SealKeysFolder = settings.Seals.KeysFolder is { Length: > 0 } seals ? Path.GetFullPath(seals) : null,
            GenerateMissingSealKeys = settings.Seals.GenerateMissing,
            DocumentFontPath = settings.DocumentFont is { Length: > 0 } font ? Path.GetFullPath(font) : null,
            OnTimeAlertPercent = settings.OnTimeAlertPercent is >= 0 and <= 100
                ? settings.OnTimeAlertPercent
                : throw new InvalidOperationException($"CloudApproval:OnTimeAlertPercent is {settings.OnTimeAlertPercent}; give a percentage from 0 to 100"),
        };
    }

    private static string ServerConnection(WebSettings settings, IConfiguration configuration) =>
        configuration.GetConnectionString("CloudApproval") is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException($"CloudApproval:Provider is {settings.Provider} but ConnectionStrings:CloudApproval is not set");

    private static void AddIdentity(this WebApplicationBuilder builder, DatabaseOptions database)
    {
        if (database.Provider == DatabaseProvider.SqlServer)
            builder.Services.AddDbContext<IdentityDb, SqlServerIdentityDb>(o => o.UseSqlServer(database.SqlServerConnectionString,
                sql => sql.MigrationsHistoryTable(IdentityDb.HistoryTable).EnableRetryOnFailure(3)));
        else if (database.Provider == DatabaseProvider.PostgreSql)
            builder.Services.AddDbContext<IdentityDb, PostgreSqlIdentityDb>(o => o.UseNpgsql(database.PostgreSqlConnectionString,
                npgsql => npgsql.MigrationsHistoryTable(IdentityDb.HistoryTable)));
        else
            builder.Services.AddDbContext<IdentityDb, SqliteIdentityDb>(o => o.UseSqlite(
                new SqliteConnectionStringBuilder { DataSource = database.SqlitePath, DefaultTimeout = 30 }.ToString(),
                sqlite => sqlite.MigrationsHistoryTable(IdentityDb.HistoryTable)));

        builder.Services.AddIdentityApiEndpoints<AppUser>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 8;
            })
            .AddRoles<IdentityRole>()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddEntityFrameworkStores<IdentityDb>();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "cloudapproval";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.LoginPath = PageAccount.SignInPage;
            o.AccessDeniedPath = PageAccount.NotPermittedPage;
            o.ReturnUrlParameter = "returnUrl";
            // Pages name this scheme (PageAuthorizeAttribute), so a browser is sent to the sign-in page; an API client
            // gets a status code, never a redirect.
            o.Events.OnRedirectToLogin = context => IsApi(context.Request)
                ? Status(context.Response, StatusCodes.Status401Unauthorized)
                : Redirect(context.Response, context.RedirectUri);
            o.Events.OnRedirectToAccessDenied = context => IsApi(context.Request)
                ? Status(context.Response, StatusCodes.Status403Forbidden)
                : Redirect(context.Response, context.RedirectUri);
        });
        builder.Services.AddAuthorizationBuilder().AddCloudApprovalPolicies();
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hangfire");

    private static Task Redirect(HttpResponse response, string location)
    {
        response.Redirect(location);
        return Task.CompletedTask;
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}

/// <summary>Fills in the problems written for a status alone, leaving every problem that already says something as it is.</summary>
internal static class BareStatusProblems
{
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Detail is not null || problem.Extensions.ContainsKey("code")) return;
        (string Code, string Detail)? known = problem.Status switch
        {
            StatusCodes.Status401Unauthorized => ("unauthenticated", "sign in first: the request has no valid bearer token or session, or its token has expired"),
            StatusCodes.Status403Forbidden => ("forbidden", "your role may not call this endpoint"),
            StatusCodes.Status404NotFound => ("not-found", $"nothing is at {context.HttpContext.Request.Path}"),
            StatusCodes.Status405MethodNotAllowed => ("method-not-allowed", $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}"),
            StatusCodes.Status415UnsupportedMediaType => ("unsupported-media-type", "the body must be JSON, sent with Content-Type: application/json"),
            _ => null,
        };
        if (known is not { } k) return;
        problem.Detail = k.Detail;
        problem.Extensions["code"] = k.Code;
    }
}

/// <summary>Rate-limiting policy names.</summary>
internal static class RateLimits
{
    public const string Login = "login";
    public const string Public = "public";
    public const string Verify = "verify";
}
