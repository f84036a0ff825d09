using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace CloudApproval.Web.Tests.Support;

/// <summary>
/// Talking to the API as its clients do: JSON in, JSON out, read as JSON nodes so that the tests check the wire format
/// (camelCase, enums as camelCase strings) rather than our own record types.
/// </summary>
internal static class HttpApi
{
    /// <summary>The body as JSON, failing with the status and text when it is not.</summary>
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonNode.Parse(text) ?? throw new InvalidOperationException("null body");
        }
        catch (System.Text.Json.JsonException)
        {
            Assert.Fail($"{(int)response.StatusCode}: not JSON: {text}");
            throw;
        }
    }

    /// <summary>The body as JSON after checking the status; the failure message carries the body (a problem's detail).</summary>
    public static async Task<JsonNode> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), $"{what}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    public static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, Json(json));

    /// <summary>Starts a case as <paramref name="client"/>'s user (an applicant, for themselves) and answers its id.</summary>
    public static async Task<string> StartCaseAsync(this HttpClient client, string procedure, JsonObject? input = null)
    {
        using var response = await client.PostAsJsonAsync("/api/cases", new JsonObject { ["procedure"] = procedure, ["input"] = input ?? [] });
        var body = await response.ExpectAsync(HttpStatusCode.Created, $"start {procedure}");
        return (string)body["caseId"]!;
    }

    /// <summary>
    /// A closed case's archive as <paramref name="auditor"/> downloads it, waiting while its documents are still being
    /// issued (409 archive-pending); the response is the final one (200, or whatever refusal is not a wait).
    /// </summary>
    public static async Task<(HttpResponseMessage Response, byte[] Bytes)> ArchiveAsync(this HttpClient auditor, string caseId)
    {
        HttpResponseMessage? response = null;
        await Poll.UntilAsync<bool>(async () =>
        {
            response?.Dispose();
            response = await auditor.GetAsync($"/api/cases/{caseId}/archive");
            return response.StatusCode == HttpStatusCode.Conflict && (string?)(await response.JsonAsync())["code"] == "archive-pending" ? null : true;
        }, $"the archive of case {caseId}");
        return (response!, await response!.Content.ReadAsByteArrayAsync());
    }

    public static async Task<JsonNode> CaseFileAsync(this HttpClient client, string caseId)
    {
        using var response = await client.GetAsync($"/api/cases/{caseId}");
        return await response.ExpectAsync(HttpStatusCode.OK, $"case file {caseId}");
    }

    /// <summary>The open or claimed task of <paramref name="activity"/> in the case file (its whole tree), or null.</summary>
    public static JsonNode? OpenTask(JsonNode caseFile, string activity) =>
        caseFile["tasks"]!.AsArray().FirstOrDefault(t => (string)t!["activityId"]! == activity && (string)t["status"]! is "open" or "claimed");

    /// <summary>The open task of <paramref name="activity"/>, waiting for it when something else (a timer) creates it.</summary>
    public static async Task<JsonNode> OpenTaskAsync(this HttpClient client, string caseId, string activity)
    {
        JsonNode? found = null;
        await Poll.UntilAsync<bool>(async () => (found = OpenTask(await client.CaseFileAsync(caseId), activity)) is null ? null : true,
            $"an open '{activity}' task in case {caseId}");
        return found!;
    }
}
