using CloudApproval.Web.Features.Applicants;
using CloudApproval.Web.Features.Applications;
using CloudApproval.Web.Features.Archive;
using CloudApproval.Web.Features.Audit;
using CloudApproval.Web.Features.Calendar;
using CloudApproval.Web.Features.Cases;
using CloudApproval.Web.Features.Collaboration;
using CloudApproval.Web.Features.Efficiency;
using CloudApproval.Web.Features.Corrections;
using CloudApproval.Web.Features.Signatures;
using CloudApproval.Web.Features.Tasks;
using CloudApproval.Web.Features.Account;
using CloudApproval.Web.Features.Licences;
using CloudApproval.Web.Features.Matters;
using CloudApproval.Web.Features.Me;
using CloudApproval.Web.Features.Documents;
using CloudApproval.Web.Features.Profile;
using CloudApproval.Web.Features.Procedures;
using CloudApproval.Web.Identity;
using CloudApproval.Cases;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Diagnostics;
using Scalar.AspNetCore;

namespace CloudApproval.Web.Hosting;

/// <summary>The request pipeline and every route, in one place.</summary>
internal static class WebPipeline
{
    public static WebApplication UseCloudApprovalWeb(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            SuppressDiagnosticsCallback = context => ProblemExceptionHandler.IsExpected(context.Exception),
        });
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        // The pages' scripts and styles (Blazor's, MudBlazor's): plain files, before anything that needs a user.
        app.UseStaticFiles();
        app.UsePageCultures();
        app.UseBodySizeLimit(WebServices.MaxBodyBytes);
        app.UseAuthentication();
        app.UseAuthorization();
        // Form posts (the pages' forms) carry an antiforgery token; the JSON API relies on the cookie being SameSite=Strict
        // and on bearer tokens, which a foreign site cannot make a browser send.
        app.UseAntiforgery();
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapCloudApprovalWeb(this WebApplication app)
    {
        app.MapHealthChecks("/health", HealthReportWriter.Options).AllowAnonymous().RequireRateLimiting(RateLimits.Public);
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/scalar", o => o.WithTitle("CloudApproval API")).AllowAnonymous();
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            // The endpoint's policy decides; the filter repeats it so the dashboard stays closed if the policy is ever lost.
            Authorization = [new AdminDashboardFilter()],
            DisplayStorageConnectionString = false,
            AppPath = null,
        }).RequireAuthorization(Policies.Admins);

        var api = app.MapGroup("/api");
        api.MapAccountApi();
        api.MapMeApi();
        api.MapProceduresApi();
        api.MapMattersApi();
        api.MapProfileApi();
        api.MapApplicantCreditApi();
        api.MapMyNoticesApi();
        api.MapDocumentsApi();
        api.MapCalendarApi();
        api.MapApplicationsApi();
        api.MapMyApplicationsApi();
        api.MapCorrectionsApi();
        api.MapSignaturesApi();
        api.MapCaseMaterialsApi();
        api.MapCasesApi();
        api.MapTasksApi();
        api.MapAuditApi();
        api.MapArchiveApi();
        api.MapMyLicencesApi();
        api.MapLicencesApi();
        api.MapExtensionNoticesApi();
        api.MapCollaborationApi();
        api.MapAssistanceApi();
        api.MapEfficiencyApi();
        app.MapLicenceVerification();

        app.MapPageAccount();
        app.MapCloudApprovalPages();
        return app;
    }

    /// <summary>Runs the host; one that cannot start says why in one line and exits with <see cref="StartupTasks.CannotStart"/>.</summary>
    public static int RunOrExplain(this WebApplication app)
    {
        try
        {
            app.Run();
            return 0;
        }
        catch (StartupRefusedException refused)
        {
            Console.Error.WriteLine(refused.Message);
            return StartupTasks.CannotStart;
        }
        catch (CasesException refused)
        {
            // The cases start-up step refused (an unusable database file): a message for the operator, not a bug.
            // CasesException carries no stack trace into the host's log either.
            Console.Error.WriteLine($"CloudApproval cannot start: {refused.Message}");
            return StartupTasks.CannotStart;
        }
    }

    private sealed class AdminDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
    }
}
