using System.Net;
using System.Text;
using CloudApproval.Cases;
using CloudApproval.Cases.Licences;
using CloudApproval.Web.Hosting;

namespace CloudApproval.Web.Features.Licences;

/// <summary>
/// <c>GET /verify/licences/{number}</c>: the public check behind a licence's QR code. No sign-in, rate-limited per client
/// address (429 with Retry-After); JSON by default, a small page for browsers (Accept: text/html). Shows the holder's
/// name, never a private id.
/// </summary>
public static class VerificationApi
{
    public static WebApplication MapLicenceVerification(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/verify/licences/{number}", VerifyAsync).WithTags("Licences").AllowAnonymous().RequireRateLimiting(RateLimits.Verify)
            .WithSummary("Public verification of an e-licence: valid, extended, deemed renewed, renewed, not yet valid, expired or revoked; holder name, matter, issuer, validity, seal check")
            .Produces<LicenceVerification>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<IResult> VerifyAsync(string number, HttpRequest request, VerifyLicence verify, CancellationToken ct)
    {
        var wantsPage = request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));
        try
        {
            var result = await verify.RunAsync(number, ct);
            return wantsPage ? Results.Content(Page(result), "text/html; charset=utf-8") : TypedResults.Ok(result);
        }
        catch (CasesException ex) when (wantsPage && ex.Code == "unknown-licence")
        {
            return Results.Content(Html("未找到证照 Licence not found", $"<p>{WebUtility.HtmlEncode(ex.Message)}</p>"), "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status404NotFound);
        }
    }

    private static string Page(LicenceVerification v)
    {
        var status = v.Status switch
        {
            "valid" => "有效 Valid",
            "extended" => $"有效（延期至 {v.ExtendedUntil:yyyy-MM-dd}）Valid, extended",
            "deemed-renewed" => $"有效（视为准予延续至 {v.ExtendedUntil:yyyy-MM-dd}）Valid, deemed renewed (art. 50)",
            "not-yet-valid" => $"尚未生效（自 {v.ValidFrom:yyyy-MM-dd} 起有效）Not yet valid",
            "renewed" => $"已延续，由 {v.RenewedBy} 接续 Renewed by {v.RenewedBy}",
            "expired" => "已过期 Expired",
            _ => $"已撤销 Revoked {v.RevokedAt:yyyy-MM-dd}",
        };
        var rows = new StringBuilder();
        void Row(string label, string? value) => rows.Append("<tr><th>").Append(WebUtility.HtmlEncode(label)).Append("</th><td>").Append(WebUtility.HtmlEncode(value ?? "—")).Append("</td></tr>");
        Row("证照编号 Number", v.Number);
        Row("状态 Status", status);
        if (v.RevocationReason is not null) Row("撤销理由 Reason", v.RevocationReason);
        if (v.ExtendedBy is not null) Row("延期依据 Extended by", $"notice {v.ExtendedBy.NoticeId}: {v.ExtendedBy.LegalBasis}");
        if (v.RenewedBy is not null) Row("延续后证照 Renewed by", v.RenewedBy);
        Row("持证者 Holder", v.HolderName);
        Row("证照 Licence", v.LicenceName ?? v.LicenceType);
        Row("事项 Matter", v.MatterName ?? v.MatterCode);
        Row("许可范围 Scope", v.Scope);
        Row("发证机关 Issued by", v.IssuedBy);
        Row("有效期 Validity", $"{v.ValidFrom:yyyy-MM-dd} — {v.ValidUntil:yyyy-MM-dd}");
        Row("电子印章 Seal", v.Seal.Verified ? $"验证通过 verified ({v.Seal.Algorithm}, {v.Seal.SealId})" : $"验证失败 NOT verified: {v.Seal.Problem}");
        return Html($"电子证照核验 Licence {v.Number}", $"<table>{rows}</table>");
    }

    private static string Html(string title, string body) =>
        $"<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head><body><h1>{WebUtility.HtmlEncode(title)}</h1>{body}</body></html>";
}
