namespace CloudApproval.Web.Features.Procedures;

/// <summary>
/// The body as text: definitions and scenarios go to the strict JSON reader of the engine, which names the JSON path
/// and line of any problem, rather than through model binding.
/// </summary>
internal static class RequestText
{
    public static async Task<string> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(ct);
    }
}
