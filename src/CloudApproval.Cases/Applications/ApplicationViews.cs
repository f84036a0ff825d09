using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudApproval.Cases.Applications;

/// <summary>An application as its applicant sees it.</summary>
public sealed record ApplicationView(
    string Id,
    string Matter,
    ApplicationStatus Status,
    JsonObject Data,
    IReadOnlyList<MaterialView> Materials,
    bool Commitment,
    string? CaseId,
    DateTime CreatedAt,
    DateTime? SubmittedAt,
    Receipt? Receipt,
    int Revision = 0,
    IReadOnlyList<ELicenceMaterialView>? ELicences = null,
    IReadOnlyList<MaterialView>? PendingCorrections = null,
    string? Renews = null)
{
    /// <summary>The current materials (superseded versions left out), the e-licences given, and files uploaded for an open correction.</summary>
    internal static ApplicationView Of(Application a, IEnumerable<ApplicationMaterial> materials, IEnumerable<ApplicationLicence>? licences = null)
    {
        var rows = materials.Where(m => m.SupersededAt == null).OrderBy(m => m.MaterialCode, StringComparer.Ordinal).ToList();
        return new(
            a.Id, a.MatterCode, a.Status, (JsonObject)JsonNode.Parse(a.DataJson)!,
            [.. rows.Where(m => !m.Pending).Select(MaterialView.Of)],
            a.Commitment, a.CaseId, a.CreatedAt, a.SubmittedAt,
            Receipts.Of(a),
            a.Revision,
            [.. (licences ?? []).OrderBy(l => l.MaterialCode, StringComparer.Ordinal).Select(ELicenceMaterialView.Of)],
            [.. rows.Where(m => m.Pending).Select(MaterialView.Of)],
            a.RenewsLicence);
    }
}

/// <summary>A line of the applicant's list.</summary>
public sealed record ApplicationSummary(string Id, string Matter, ApplicationStatus Status, string? CaseId, DateTime CreatedAt, DateTime? SubmittedAt);

/// <summary>A stored material: which file, of what type (recognised from its content), how large, and its SHA-256.</summary>
public sealed record MaterialView(string Code, string FileName, string FileType, string ContentType, long Size, string Sha256, DateTime UploadedAt,
    int Version = 1, bool Pending = false)
{
    internal static MaterialView Of(ApplicationMaterial m) =>
        new(m.MaterialCode, m.FileName, m.FileType, m.ContentType, m.Size, m.Sha256, m.UploadedAt, m.Version, m.Pending);
}

/// <summary>
/// 收件回执: what the authority received and when. The hashes let the applicant prove later exactly which files they
/// handed in; the deferred (容缺) and commitment-waived (告知承诺) materials are listed so nobody argues about them later.
/// </summary>
public sealed record Receipt(
    string ApplicationId,
    string Matter,
    string MatterName,
    string Department,
    string CaseId,
    bool Commitment,
    IReadOnlyList<ReceivedMaterial> Received,
    IReadOnlyList<string> Deferred,
    IReadOnlyList<string> WaivedByCommitment,
    DateTime ReceivedAt,
    IReadOnlyList<Particular>? Particulars = null)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

internal static class Receipts
{
    public static Receipt? Of(Application application) =>
        application.ReceiptJson is null ? null : JsonSerializer.Deserialize<Receipt>(application.ReceiptJson, Receipt.Json);

    /// <summary>The particulars with their labels as submitted; null before submission or for a matter without a form.</summary>
    public static IReadOnlyList<Particular>? ParticularsOf(Application application) => Of(application)?.Particulars;
}

public sealed record ReceivedMaterial(string Code, string FileName, long Size, string Sha256);

/// <summary>A submission: the case started (check <c>Outcome.Faulted</c>) and the receipt.</summary>
public sealed record Submission(Instances.CaseOutcome Outcome, Receipt Receipt);

/// <summary>A material to download: its stream, type and name.</summary>
public sealed record MaterialFile(Stream Content, string ContentType, string FileName, string Sha256, string? FileType = null);
