namespace CloudApproval.Web.Components;

/// <summary>
/// An RFC 7807 problem a page received from an HTTP service: the page-level error boundary shows its
/// <see cref="Detail"/>, as it shows a refusal's message.
/// </summary>
public sealed class ProblemException(string detail, string? code = null) : Exception(detail)
{
    public string Detail { get; } = detail;

    public string? Code { get; } = code;
}
