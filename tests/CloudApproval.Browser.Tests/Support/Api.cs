using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace CloudApproval.Browser.Tests.Support;

/// <summary>
/// The host's HTTP API as one demo user, for what a journey needs set up before the person on screen acts (an applicant
/// who applied an hour ago). Every call must succeed: a failure names the call and the problem the API answered.
/// </summary>
internal sealed class Api : IDisposable
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

    private readonly HttpClient _client;

    private Api(HttpClient client) => _client = client;

    public static async Task<Api> AsAsync(WebHostProcess host, string userName)
    {
        var client = new HttpClient { BaseAddress = new Uri(host.Url) };
        var token = await ExpectAsync(await client.PostAsJsonAsync("/api/identity/login", new { userName, password = BrowserSession.Password }), "sign in");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)token["accessToken"]!);
        return new Api(client);
    }

    public async Task<JsonNode> GetAsync(string path) => await ExpectAsync(await _client.GetAsync(new Uri(path, UriKind.Relative)), "GET " + path);

    public async Task<JsonNode> PostAsync(string path, object body) => await ExpectAsync(await _client.PostAsJsonAsync(path, body), "POST " + path);

    public async Task PutAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        await ExpectAsync(await _client.PutAsync(new Uri(path, UriKind.Relative), content), "PUT " + path);
    }

    /// <summary>Uploads a small PDF as the material (a second upload of an application under correction is its next version).</summary>
    public async Task UploadAsync(string applicationId, string material)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent([.. Pdf, .. Encoding.ASCII.GetBytes(material + Guid.NewGuid())]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", material + ".pdf");
        await ExpectAsync(await _client.PostAsync(new Uri($"/api/applications/{applicationId}/materials/{material}", UriKind.Relative), form), "upload " + material);
    }

    /// <summary>
    /// A person applies online for the food business licence (market-supervision, pre-reviewed by its intake clerks),
    /// with the key materials and the premises layout, without 告知承诺: the application id and the case number.
    /// </summary>
    public async Task<(string ApplicationId, string CaseId)> ApplyForFoodLicenceAsync(string name)
    {
        await PutAsync("/api/my/profile", $$"""{"kind":"person","name":"{{name}}","idNumber":"11010519491231002X"}""");
        var draft = await PostAsync("/api/applications", new JsonObject { ["matter"] = "food-business-licence", ["data"] = SeedParticulars.For("food-business-licence", d => d["shopName"] = name + "小吃") });
        var applicationId = (string)draft["id"]!;
        foreach (var material in new[] { "application-form", "business-licence", "legal-representative-id", "premises-layout" })
            await UploadAsync(applicationId, material);
        var submitted = await PostAsync($"/api/applications/{applicationId}/submit", new { commitment = false });
        return (applicationId, (string)submitted["caseId"]!);
    }

    /// <summary>
    /// The case's open task of the activity (waiting until the case has one, as the engine may still be moving on),
    /// completed with the outcome and the task form's data: a clerk's decision a journey takes as given.
    /// </summary>
    public async Task CompleteTaskAsync(string caseId, string activity, string outcome, JsonObject? data = null)
    {
        var file = await UntilAsync($"/api/cases/{caseId}", c => OpenTask(c, activity) is not null);
        var id = (long)OpenTask(file, activity)!["id"]!;
        await PostAsync($"/api/tasks/{id}/complete", new JsonObject { ["outcome"] = outcome, ["data"] = data ?? [] });
    }

    private static JsonNode? OpenTask(JsonNode caseFile, string activity) => caseFile["tasks"]!.AsArray()
        .FirstOrDefault(t => (string?)t!["activityId"] == activity && !string.Equals((string?)t["status"], "completed", StringComparison.OrdinalIgnoreCase)
            && !string.Equals((string?)t["status"], "cancelled", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Waits for what a background job does (a notice's document is issued by Hangfire after the commit): reads the
    /// resource until it satisfies the condition, failing after 30 s with the last answer.
    /// </summary>
    public async Task<JsonNode> UntilAsync(string path, Func<JsonNode, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var answer = await GetAsync(path);
            if (condition(answer)) return answer;
            if (DateTime.UtcNow > deadline) Assert.Fail($"GET {path} never satisfied the condition; last: {answer.ToJsonString()}");
            await Task.Delay(250);
        }
    }

    private static async Task<JsonNode> ExpectAsync(HttpResponseMessage response, string what)
    {
        using var _ = response;
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) Assert.Fail($"{what}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    public void Dispose() => _client.Dispose();
}
