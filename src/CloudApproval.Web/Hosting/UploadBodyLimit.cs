namespace CloudApproval.Web.Hosting;

/// <summary>
/// Endpoint metadata: this endpoint takes files, and its body may be up to <see cref="MaxBytes"/> instead of the 2 MiB
/// every other endpoint keeps. The endpoint narrows it further once it knows what is uploaded.
/// </summary>
public sealed record UploadBodyLimit(long MaxBytes);
