using System.Text.Json;
using CloudApproval.Cases;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CloudApproval.Web.Hosting;

/// <summary>
/// Turns every failure into RFC 7807 problem details with a stable <c>code</c>: a refusal of the application layer, a
/// body that cannot be read, or (logged, never shown) a bug of ours. No stack trace ever reaches a client.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Bad input and refusals are answers, not incidents: only what this handler logs as an error is one.</summary>
    public static bool IsExpected(Exception exception) => exception is CasesException or BadHttpRequestException;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            CasesException refused => FromRefusal(refused),
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request",
                Detail = Describe(bad),
            },
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "Server error", Detail = "an unexpected error occurred; it has been logged" };
        }
        problem.Extensions.TryAdd("code", problem.Status switch
        {
            StatusCodes.Status413PayloadTooLarge => "body-too-large",
            StatusCodes.Status500InternalServerError => "server-error",
            _ => "bad-request",
        });
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The status of a refusal, from its kind: the only place HTTP meets the application layer's refusals.</summary>
    public static ProblemDetails FromRefusal(CasesException refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var status = refused.Kind switch
        {
            RefusalKind.NotFound => StatusCodes.Status404NotFound,
            RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
            RefusalKind.Conflict => StatusCodes.Status409Conflict,
            RefusalKind.Rejected => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status400BadRequest,
        };
        var problem = new ProblemDetails { Status = status, Title = Title(status), Detail = refused.Message };
        problem.Extensions["code"] = refused.Code;
        return problem;
    }

    private static string Title(int status) => status switch
    {
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status422UnprocessableEntity => "Refused by the procedure",
        _ => "Invalid request",
    };

    /// <summary>What was wrong with the body, and where (the JSON path), without the framework's type names.</summary>
    private static string Describe(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException { Path: { Length: > 0 } path } json when json.Message.Contains("could not be mapped", StringComparison.Ordinal) =>
            $"{path} is not a field of this request",
        JsonException { Path: { Length: > 0 } path } json when json.Message.Contains("could not be converted", StringComparison.Ordinal) =>
            $"{path} has the wrong type",
        JsonException { Path: { Length: > 0 } path } json when json.Message.Contains("missing required properties", StringComparison.Ordinal) =>
            $"the body lacks required fields: {MissingFields(path, json.Message)}",
        JsonException { Path: { Length: > 0 } path } json => $"the body is not valid JSON at {path}: {FirstSentence(json.Message)}",
        JsonException json => $"the body is not valid JSON: {FirstSentence(json.Message)}",
        _ => bad.Message,
    };

    /// <summary>
    /// The paths of the missing fields, from System.Text.Json's "... missing required properties including: 'a', 'b'."
    /// (the type name before it is ours and stays out); the object's path alone if the names cannot be read.
    /// </summary>
    private static string MissingFields(string path, string message)
    {
        const string Including = "including: ";
        var at = message.IndexOf(Including, StringComparison.Ordinal);
        if (at < 0) return path;
        var names = message[(at + Including.Length)..].TrimEnd('.', ' ')
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(n => n.Trim('\''))
            .Where(n => n.Length > 0)
            .Select(n => $"{path}.{n}")
            .ToList();
        return names.Count > 0 ? string.Join(", ", names) : path;
    }

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends " Path: $.x | LineNumber: 0 | BytePositionInLine: 5." which the detail already says.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
