using Microsoft.AspNetCore.Http.Features;

namespace CloudApproval.Web.Hosting;

/// <summary>Headers every response carries; API responses may not be framed or run anything.</summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (context.Request.Path.StartsWithSegments("/api"))
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        await next(context);
    });

    /// <summary>
    /// Refuses a declared body larger than the limit before anything reads it (Kestrel enforces the same limit on bodies
    /// without a length). An upload endpoint (<see cref="UploadBodyLimit"/>) raises it for itself alone; routing has run
    /// by now, so the endpoint is known.
    /// </summary>
    public static IApplicationBuilder UseBodySizeLimit(this IApplicationBuilder app, long limit) => app.Use(async (context, next) =>
    {
        var allowed = limit;
        if (context.GetEndpoint()?.Metadata.GetMetadata<UploadBodyLimit>() is { } upload)
        {
            allowed = upload.MaxBytes;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = allowed;
        }
        if (context.Request.ContentLength > allowed)
            throw new BadHttpRequestException($"the body has {context.Request.ContentLength} bytes; at most {allowed} are accepted", StatusCodes.Status413PayloadTooLarge);
        await next(context);
    });
}
