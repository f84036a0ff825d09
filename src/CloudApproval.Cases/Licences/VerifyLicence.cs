using System.Text.Json;
using CloudApproval.Cases.Documents;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Licences;

/// <summary>
/// The public check of a licence by its number (the QR code's target): anyone, no sign-in. It says whether the licence
/// holds now (valid, revoked with date and reason, expired, extended until when by which notice, deemed renewed under
/// art. 50, renewed by which successor, not yet valid for a renewal that begins later), who holds it (the
/// name only, never a private id or code), for what, who issued it, and whether the department's seal over its content
/// still verifies. What it shows of the licence is read from the sealed content, so an edited row cannot change it
/// without the seal failing.
/// </summary>
public sealed class VerifyLicence(CasesDbFactory factory, DepartmentSeals seals, TimeProvider time)
{
    public async Task<LicenceVerification> RunAsync(string number, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(number) || number.Length > 64) throw Unknown(number ?? "");
        await using var db = factory.CreateDbContext();
        var licence = await db.Licences.AsNoTracking().SingleOrDefaultAsync(l => l.Number == number, cancellationToken) ?? throw Unknown(number);
        var notice = licence.ExtensionNoticeId is { } id ? await db.ExtensionNotices.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken) : null;
        var today = ChinaTime.DateOf(time.GetUtcNow());
        var content = LicenceContent.TryRead(licence.ContentJson);
        var seal = SealOf(licence);
        var status = licence.Status switch
        {
            LicenceStatus.Revoked => "revoked",
            // Its renewal's licence took over the day after it ended.
            _ when licence.RenewedBy is not null && licence.EffectiveUntil < today => "renewed",
            LicenceStatus.Expired => "expired",
            // The expiry timer may not have run yet: past its last day a licence no longer holds.
            _ when licence.EffectiveUntil < today => "expired",
            // A renewal decided early: it holds once the licence it renews ends.
            _ when licence.ValidFrom > today => "not-yet-valid",
            _ when licence.DeemedRenewedAt is not null && licence.ExtensionNoticeId is null && licence.RenewedBy is null => "deemed-renewed",
            _ when licence.ExtensionNoticeId is not null => "extended",
            _ => "valid",
        };
        return new LicenceVerification(
            licence.Number,
            status,
            content?.Holder.Name ?? licence.HolderName,
            content?.Matter?.Code ?? licence.MatterCode,
            content?.Matter?.NameZh,
            content?.TypeName,
            licence.LicenceType,
            content?.Scope,
            content?.Issuer ?? licence.Department,
            licence.ValidFrom,
            licence.ValidUntil,
            licence.ExtendedUntil,
            notice is null ? null : new ExtensionReference(notice.Id, notice.LegalBasis),
            licence.RevokedAt,
            licence.RevocationReason,
            licence.IssuedAt,
            seal,
            licence.RenewedBy,
            licence.DeemedRenewedAt);
    }

    private LicenceSealCheck SealOf(Licence licence)
    {
        if (licence.ContentJson is null || licence.SealJson is null)
            return new LicenceSealCheck(false, null, Seal.Algorithm, "the licence was issued before e-seals and carries none");
        Seal? seal;
        try
        {
            seal = JsonSerializer.Deserialize<Seal>(licence.SealJson);
        }
        catch (JsonException)
        {
            seal = null;
        }
        if (seal is null) return new LicenceSealCheck(false, null, Seal.Algorithm, "the stored seal cannot be read");
        SealCheck check;
        try
        {
            check = seals.Verify(seal, LicenceContent.Bytes(licence.ContentJson));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or CasesException or InvalidOperationException)
        {
            return new LicenceSealCheck(false, seal.SealId, Seal.Algorithm, "the stored seal is malformed");
        }
        // The content must also be this licence's: a sealed text copied from another licence verifies, but is not this one.
        var content = LicenceContent.TryRead(licence.ContentJson);
        var problem = check.Problem ?? (content is null || content.Number != licence.Number || content.ValidUntil != licence.ValidUntil || content.Issuer != licence.Department
            ? "the sealed content does not match this licence's record" : null);
        return new LicenceSealCheck(problem is null, seal.SealId, Seal.Algorithm, problem);
    }

    private static CasesException Unknown(string number) =>
        new("unknown-licence", $"no licence numbered '{number}' was issued here; check the number as printed on the licence");
}

/// <summary>What the public verification answers; <c>Status</c> is valid, extended, expired or revoked.</summary>
public sealed record LicenceVerification(
    string Number,
    string Status,
    string? HolderName,
    string? MatterCode,
    string? MatterName,
    string? LicenceName,
    string LicenceType,
    string? Scope,
    string? IssuedBy,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    DateOnly? ExtendedUntil,
    ExtensionReference? ExtendedBy,
    DateTime? RevokedAt,
    string? RevocationReason,
    DateTime IssuedAt,
    LicenceSealCheck Seal,
    string? RenewedBy = null,
    DateTime? DeemedRenewedAt = null);

/// <summary>The extension notice (延期办) that extended the licence, and its legal basis.</summary>
public sealed record ExtensionReference(long NoticeId, string LegalBasis);

/// <summary>Whether the department's seal over the licence's content verifies, and if not, why.</summary>
public sealed record LicenceSealCheck(bool Verified, string? SealId, string Algorithm, string? Problem);
