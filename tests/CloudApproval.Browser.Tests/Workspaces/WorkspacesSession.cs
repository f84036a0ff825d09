using CloudApproval.Browser.Tests.Support;
using Microsoft.Playwright;

namespace CloudApproval.Browser.Tests.Workspaces;

/// <summary>
/// The workspaces' journeys start cases; they run on a web host of their own so that the other tests' host keeps the
/// state they expect (no case yet on any procedure). The browser is the assembly's.
/// </summary>
[SetUpFixture]
public sealed class WorkspacesSession
{
    private static WebHostProcess? s_host;

    private static WebHostProcess Host => s_host ?? throw new InvalidOperationException("the workspaces' web host has not started");

    [OneTimeSetUp]
    public static async Task StartAsync() => s_host = await WebHostProcess.StartAsync();

    [OneTimeTearDown]
    public static async Task StopAsync()
    {
        if (s_host is not null) await s_host.DisposeAsync();
    }

    internal static Task<IPage> NewPageAsync() => BrowserSession.NewPageAsync(Host);

    internal static Task<Api> ApiAsync(string userName) => Api.AsAsync(Host, userName);
}
