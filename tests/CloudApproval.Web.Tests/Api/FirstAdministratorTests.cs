using System.Net;
using System.Net.Http.Json;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

/// <summary>An installation without the demo organisation starts only with an administrator, created from configuration.</summary>
public sealed class FirstAdministratorTests
{
    private static readonly Dictionary<string, string> NoDemo = new() { ["CloudApproval:SeedDemoOrganisation"] = "false" };

    [Test]
    public async Task WithoutTheDemoOrganisation_TheHostRefusesToStart_UntilAnAdministratorIsConfigured()
    {
        var (exitCode, text) = await RunAsync(new Dictionary<string, string>());

        Assert.That(exitCode, Is.EqualTo(2), text);
        Assert.That(text, Does.Contain("no administrator").And.Contain("CloudApproval__Admin__UserName"));
        Assert.That(text, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public async Task TheConfiguredAdministrator_IsCreatedOnce_AndCanSignIn_WhileNoDemoUserExists()
    {
        var settings = new Dictionary<string, string>(NoDemo)
        {
            ["CloudApproval:Admin:UserName"] = "root-admin",
            ["CloudApproval:Admin:Password"] = "Strong#Admin2026",
        };
        using var host = new WebHost(settings: settings);
        using var client = host.CreateClient();

        using var admin = await client.PostAsJsonAsync("/api/identity/login", new { userName = "root-admin", password = "Strong#Admin2026" });
        using var demo = await client.PostAsJsonAsync("/api/identity/login", new { userName = "clerk-li", password = WebHost.Password });

        Assert.That(admin.StatusCode, Is.EqualTo(HttpStatusCode.OK), await admin.Content.ReadAsStringAsync());
        Assert.That(demo.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "no demo users on this installation");
    }

    [Test]
    public async Task AWeakConfiguredPassword_StopsTheStart_SayingWhy()
    {
        var (exitCode, text) = await RunAsync(new Dictionary<string, string>
        {
            ["CloudApproval__Admin__UserName"] = "root-admin",
            ["CloudApproval__Admin__Password"] = "short",
        });

        Assert.That(exitCode, Is.EqualTo(2), text);
        Assert.That(text, Does.Contain("root-admin").And.Contain("at least 8 characters"));
    }

    /// <summary>The real process: a refused start is an exit code and one message, which only a process shows.</summary>
    private static async Task<(int ExitCode, string Text)> RunAsync(Dictionary<string, string> environment)
    {
        var folder = HostProcess.NewFolder();
        environment["CloudApproval__WorkflowsFolder"] = Repo.Workflows;
        environment["CloudApproval__SeedDemoOrganisation"] = "false";
        var result = await HostProcess.RunRefusedAsync(folder, environment);
        Directory.Delete(folder, recursive: true);
        return result;
    }
}
