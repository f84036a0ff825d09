using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Persistence;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CloudApproval.Web.Hosting;

/// <summary>Tells the person who ran the first command where to go and how to sign in.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        if (app.Lifetime.ApplicationStopping.IsCancellationRequested) return;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var cases = app.Services.GetRequiredService<CasesSettings>();
        var settings = app.Services.GetRequiredService<IOptions<WebSettings>>().Value;
        var url = addresses.FirstOrDefault() ?? "(no address)";
        Console.WriteLine();
        Console.WriteLine($"CloudApproval is running at {url}");
        Console.WriteLine($"  in a browser   {url}  (sign in as a demo user)");
        Console.WriteLine($"  API reference  {url}/scalar      OpenAPI {url}/openapi/v1.json");
        Console.WriteLine($"  health         {url}/health      timers dashboard (admin) {url}/hangfire");
        Console.WriteLine($"  database       {(cases.Database.Provider == DatabaseProvider.Sqlite ? cases.Database.SqlitePath : cases.Database.Provider.ToString())}");
        Console.WriteLine($"  procedures     {cases.WorkflowsFolder}");
        if (settings.SeedsDemoOrganisation(cases.Database))
        {
            Console.WriteLine($"  demo users (password {DemoOrganisation.Password}):");
            foreach (var user in DemoOrganisation.Users)
                Console.WriteLine($"    {user.UserName,-15} {user.Role,-15} {string.Join(",", user.Departments)}");
            Console.WriteLine($"  sign in: curl -X POST {url}/api/identity/login -H 'Content-Type: application/json' -d '{{\"userName\":\"clerk-li\",\"password\":\"{DemoOrganisation.Password}\"}}'");
        }
        Console.WriteLine("Press Ctrl+C to stop.");
    }
}
