using System.Net;
using System.Net.Http.Json;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

/// <summary>The README's first command, as a real process on a real socket: it answers health and a demo sign-in.</summary>
[Category(TestCategories.HttpSurface)]
public sealed class FirstCommandTests
{
    [Test]
    public async Task TheBuiltHost_StartsOnAFreshFolder_AnswersHealth_AndLetsADemoUserSignIn()
    {
        var folder = HostProcess.NewFolder();
        var port = HostProcess.FreePort();
        using var process = HostProcess.Start(folder, port, new Dictionary<string, string> { ["CloudApproval__WorkflowsFolder"] = Repo.Workflows });
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Poll.UntilAsync<bool>(async () =>
            {
                if (process.HasExited) Assert.Fail($"the host exited with {process.ExitCode}: {await errors}");
                try
                {
                    using var health = await client.GetAsync("/health");
                    return health.StatusCode == HttpStatusCode.OK ? true : null;
                }
                catch (HttpRequestException)
                {
                    return null;
                }
            }, "the host to answer /health", TimeSpan.FromSeconds(60));

            using var login = await client.PostAsJsonAsync("/api/identity/login", new { userName = "clerk-li", password = WebHost.Password });

            Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(File.Exists(Path.Combine(folder, "data", "cloudapproval.db")), Is.True, "the embedded database is created under ./data");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        Assert.That(await output, Does.Contain($"CloudApproval is running at http://127.0.0.1:{port}").And.Contain("clerk-li"));
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task TheHost_RefusesToStart_InOneMessage_WhenTheProceduresCannotBeImported()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ca-web-tests", Guid.NewGuid().ToString("N"));
        var workflows = Path.Combine(folder, "workflows");
        Directory.CreateDirectory(Path.Combine(workflows, "broken"));
        Directory.CreateDirectory(Path.Combine(workflows, "calendars"));
        File.Copy(Path.Combine(Repo.Workflows, "calendars", "cn-2026.json"), Path.Combine(workflows, "calendars", "cn-2026.json"));
        await File.WriteAllTextAsync(Path.Combine(workflows, "broken", "v1.json"), """{"definitionId":"broken","version":1}""");
        var (exitCode, text) = await HostProcess.RunRefusedAsync(folder, new Dictionary<string, string> { ["CloudApproval__WorkflowsFolder"] = workflows });

        Assert.That(exitCode, Is.EqualTo(2), text);
        Assert.That(text, Does.Contain("CloudApproval cannot start").And.Contain("broken"));
        Assert.That(text, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(text, Does.Not.Contain("CloudApproval is running"));
        Directory.Delete(folder, recursive: true);
    }
}
