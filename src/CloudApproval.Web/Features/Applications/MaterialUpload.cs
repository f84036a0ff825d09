using System.Security.Claims;
using CloudApproval.Cases.Applications;
using CloudApproval.Cases.Matters;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace CloudApproval.Web.Features.Applications;

/// <summary>
/// The upload of one material, streamed from the multipart body straight into the store: no form binding (which would
/// buffer the whole file first) and a body limit taken from the material's own maximum, set before a byte is read.
/// </summary>
internal static class MaterialUpload
{
    private const long MiB = 1024 * 1024;

    /// <summary>Room for the multipart framing around the file (boundaries, part headers, a few small fields).</summary>
    private const long FramingBytes = 64 * 1024;

    /// <summary>The most any upload may send: the largest material any matter may declare, plus framing.</summary>
    public const long CeilingBytes = MatterVocabulary.MaxSizeMb * MiB + FramingBytes;

    public static async Task<Created<MaterialView>> UploadAsync(
        string id, string materialCode, HttpRequest request, ClaimsPrincipal user, ApplicationDrafts drafts, CancellationToken ct)
    {
        var actor = user.ToActor();
        var fileLimit = await drafts.UploadLimitAsync(id, materialCode, actor, ct);
        var bodyLimit = fileLimit + FramingBytes;
        // Chunked bodies have no length to check up front: the server then stops reading at the limit.
        var size = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (size is { IsReadOnly: false }) size.MaxRequestBodySize = bodyLimit;
        if (request.ContentLength > bodyLimit)
            throw new BadHttpRequestException(
                $"the body has {request.ContentLength} bytes; material {materialCode} accepts files of at most {fileLimit / MiB} MB",
                StatusCodes.Status413PayloadTooLarge);

        var boundary = Boundary(request);
        var reader = new MultipartReader(boundary, request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition()) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                // The first file part is the material; the rest of the body is not read.
                var stored = await drafts.UploadAsync(id, materialCode, name, section.Body, actor, ct);
                return TypedResults.Created($"/api/applications/{id}/materials/{materialCode}", stored);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new BadHttpRequestException($"the multipart body is malformed: {ex.Message}");
        }
        catch (IOException ex) when (ex is not BadHttpRequestException)
        {
            throw new BadHttpRequestException("the multipart body ended before its closing boundary");
        }
        throw new BadHttpRequestException("the form has no file part: send the material as one file field with a filename");
    }

    private static string Boundary(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !string.Equals(type.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new BadHttpRequestException("the body must be multipart/form-data with one file part (Content-Type: multipart/form-data)",
                StatusCodes.Status415UnsupportedMediaType);
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        // RFC 2046 limits a boundary to 70 characters.
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 70)
            throw new BadHttpRequestException("the multipart Content-Type has no valid boundary");
        return boundary;
    }
}
