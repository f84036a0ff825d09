using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace CloudApproval.Web.Tests.Support;

/// <summary>
/// The real web host (Program) on a fresh SQLite file in a folder of its own, with the real Hangfire server and the
/// repository's workflows: what the first command starts, minus the socket.
/// </summary>
internal sealed class WebHost : WebApplicationFactory<Program>
{
    public const string Password = "Demo#2026";

    private readonly ConcurrentDictionary<string, string> _tokens = new();

    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="loginsPerMinute">The sign-in rate limit (high: tests sign in a lot).</param>
    /// <param name="settings">More configuration, e.g. CloudApproval:SeedDemoOrganisation = false.</param>
    public WebHost(int loginsPerMinute = 1000, IReadOnlyDictionary<string, string>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string>();
        Folder = Path.Combine(Path.GetTempPath(), "ca-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        LoginsPerMinute = loginsPerMinute;
    }

    public string Folder { get; }

    /// <summary>The database tests fingerprint (<see cref="DatabaseSnapshot"/>): the SQLite file, or this host's PostgreSQL database.</summary>
    public string Database => ServerDatabase ?? SqlitePath;

    private string SqlitePath => Path.Combine(Folder, "cloudapproval.db");

    /// <summary>PostgreSQL runs: this host's own database, created with the host and dropped with it.</summary>
    private string? ServerDatabase { get; } = TestDatabases.OnPostgreSql ? TestDatabases.Create() : null;

    /// <summary>The departments' e-seal keys of this host, in its own folder.</summary>
    public string SealKeysFolder => Path.Combine(Folder, "seals");

    private int LoginsPerMinute { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("CloudApproval:SqlitePath", SqlitePath);
        if (ServerDatabase is not null)
        {
            builder.UseSetting("CloudApproval:Provider", "PostgreSql");
            builder.UseSetting("ConnectionStrings:CloudApproval", ServerDatabase);
            builder.UseSetting("CloudApproval:DemoOnServerDatabase", "true");
        }
        builder.UseSetting("CloudApproval:WorkflowsFolder", Repo.Workflows);
        // The departments' e-seal keys of this host alone, never the user's.
        builder.UseSetting("CloudApproval:Seals:KeysFolder", SealKeysFolder);
        builder.UseSetting("CloudApproval:LoginsPerMinute", LoginsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    /// <summary>A client signed in as a demo user with a bearer token (one sign-in per user and host).</summary>
    public async Task<HttpClient> ClientForAsync(string? userName)
    {
        var client = CreateClient();
        if (userName is null) return client;
        if (!_tokens.TryGetValue(userName, out var token))
        {
            using var response = await CreateClient().PostAsJsonAsync("/api/identity/login", new { userName, password = Password });
            Assert.That(response.IsSuccessStatusCode, Is.True, $"{userName} could not sign in: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            token = body.RootElement.GetProperty("accessToken").GetString()!;
            _tokens[userName] = token;
        }
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (ServerDatabase is not null) TestDatabases.Drop(ServerDatabase);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A Hangfire worker still closing its connection: the OS temp cleaner gets the rest.
        }
    }
}
