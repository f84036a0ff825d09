using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CloudApproval.Web.Hosting;

/// <summary>Declares the bearer token that <c>POST /api/identity/login</c> hands out, so the reference can send it.</summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The accessToken of POST /api/identity/login. Browsers may use the cookie of ?useCookies=true instead.",
        };
        return Task.CompletedTask;
    }
}

/// <summary>Writes who may call each operation into its description, from the endpoint's own authorization metadata.</summary>
internal sealed class WhoMayCallTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var who = metadata.OfType<IAllowAnonymous>().Any()
            ? "anyone, without signing in"
            : string.Join(", ", metadata.OfType<IAuthorizeData>().Select(a => a.Policy ?? a.Roles ?? "signed-in users").Distinct());
        operation.Description = (operation.Description is { Length: > 0 } d ? d + "\n\n" : "") + $"Who may call: {(who.Length > 0 ? who : "signed-in users")}.";
        return Task.CompletedTask;
    }
}
