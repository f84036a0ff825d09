using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CloudApproval.Cases.Collaboration;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Timers;

namespace CloudApproval.Cases.Audit;

/// <summary>
/// The digest of one row of a case, over a canonical serialisation that both providers yield alike: a JSON array of
/// the row's columns in a fixed order, instants as UTC text to the tick, enums by name, JSON columns by their SHA-256.
/// Left out are the database's own ids (not known before the insert), the concurrency tokens, the chain's bookkeeping
/// on the case row (and its root id, a projection of the parent links that are covered), and a timer's Hangfire job id (set after commit by the dispatcher and the reconciler, outside any
/// audited operation).
/// </summary>
internal static class RowDigest
{
    /// <summary>The row's key in the case's digest map and its digest; null for an entity that is not a row of a case.</summary>
    public static (string Key, string Digest)? Of(object row) => row switch
    {
        Case c => ("case", Hash(w =>
        {
            w.WriteStringValue(c.Id);
            w.WriteStringValue(c.DefinitionId);
            w.WriteNumberValue(c.Version);
            w.WriteStringValue(c.Status.ToString());
            w.WriteStringValue(c.Outcome);
            Large(w, c.StateJson);
            w.WriteStringValue(c.StartedBy);
            Instant(w, c.CreatedAt);
            Instant(w, c.UpdatedAt);
            Day(w, c.ClockDueDate);
            w.WriteStringValue(c.ParentCaseId);
            w.WriteStringValue(c.ParentChildId);
            // Who may read the case. Appended only when set, so rows written before the column existed keep their digest.
            if (c.Applicant is not null) w.WriteStringValue(c.Applicant);
            // Which department reads it whole: also appended only when set (after the applicant, who is always set since).
            if (c.Department is not null) w.WriteStringValue(c.Department);
        })),
        WorkTask t => ("task:" + t.LocalId, Hash(w =>
        {
            w.WriteStringValue(t.CaseId);
            w.WriteStringValue(t.LocalId);
            w.WriteStringValue(t.ActivityId);
            w.WriteStringValue(t.DefinitionId);
            w.WriteStringValue(t.Title);
            w.WriteStringValue(t.Instructions);
            w.WriteStringValue(t.Role);
            w.WriteStringValue(t.Department);
            w.WriteStringValue(t.Assignee);
            w.WriteStringValue(t.Status.ToString());
            w.WriteNumberValue(t.Priority);
            Instant(w, t.CreatedAt);
            Instant(w, t.DueAt);
            Day(w, t.DueDate);
            Instant(w, t.FollowUpAt);
            Large(w, t.OutcomesJson);
            Large(w, t.FormJson);
            w.WriteStringValue(t.Outcome);
            Large(w, t.DataJson);
            w.WriteStringValue(t.CompletedBy);
            Instant(w, t.ClosedAt);
            // Who may read the case through this task. Appended only when set, so rows written before the column existed keep their digest.
            if (t.SharedMaterials is not null) w.WriteStringValue(t.SharedMaterials);
        })),
        CaseTimer t => ("timer:" + t.LocalId, Hash(w =>
        {
            w.WriteStringValue(t.CaseId);
            w.WriteStringValue(t.LocalId);
            w.WriteStringValue(t.ActivityId);
            w.WriteStringValue(t.Purpose);
            Instant(w, t.DueAt);
            w.WriteStringValue(t.Status.ToString());
            Instant(w, t.FiredAt);
        })),
        Licence l => ("licence:" + l.Number, Hash(w =>
        {
            w.WriteStringValue(l.Number);
            w.WriteStringValue(l.CaseId);
            w.WriteStringValue(l.LicenceType);
            Day(w, l.ValidFrom);
            Day(w, l.ValidUntil);
            w.WriteStringValue(l.Status.ToString());
            Instant(w, l.IssuedAt);
            Instant(w, l.RevokedAt);
            w.WriteStringValue(l.RevocationReason);
            // The sealed content and the licence's life since. Appended only when one of them is set, all together (so a
            // value cannot move from one column to the next unnoticed), and rows written before keep their digest.
            if ((l.Holder ?? l.HolderName ?? l.MatterCode ?? l.Department ?? l.ContentJson ?? l.SealJson ?? l.DeliveredBy) is not null
                || l.ExtendedUntil is not null || l.ExtensionNoticeId is not null || l.DeliveredAt is not null || l.ExpiredAt is not null)
            {
                w.WriteStringValue(l.Holder);
                w.WriteStringValue(l.HolderName);
                w.WriteStringValue(l.MatterCode);
                w.WriteStringValue(l.Department);
                Large(w, l.ContentJson);
                Large(w, l.SealJson);
                Day(w, l.ExtendedUntil);
                if (l.ExtensionNoticeId is { } notice) w.WriteNumberValue(notice);
                else w.WriteNullValue();
                Instant(w, l.DeliveredAt);
                w.WriteStringValue(l.DeliveredBy);
                Instant(w, l.ExpiredAt);
            }
        })),
        // A notice has no key of its own before it is inserted and never changes afterwards: its content is its key.
        Notice n => Keyed("notice:", Hash(w =>
        {
            w.WriteStringValue(n.CaseId);
            w.WriteStringValue(n.ActivityId);
            w.WriteStringValue(n.NoticeType);
            w.WriteStringValue(n.Template);
            w.WriteStringValue(n.Recipient);
            Large(w, n.DataJson);
            Instant(w, n.CreatedAt);
            Instant(w, n.DeliveredAt);
            // Service and read receipt, appended only once set, so notices written before keep their digest.
            if (n.ServiceMethod is not null || n.ReadAt is not null)
            {
                w.WriteStringValue(n.ServiceMethod);
                Instant(w, n.ReadAt);
            }
            // Likewise the issuing department, which only notices sealed by another department have.
            if (n.Issuer is not null) w.WriteStringValue("issuer:" + n.Issuer);
        })),
        AssistanceRequest r => ("assistance:" + r.Id, Hash(w =>
        {
            w.WriteStringValue(r.Id);
            w.WriteStringValue(r.CaseId);
            w.WriteStringValue(r.ItemCode);
            w.WriteStringValue(r.RequestingDepartment);
            w.WriteStringValue(r.AssistingDepartment);
            Large(w, r.Question);
            w.WriteNumberValue(r.TimeLimitWorkingDays);
            w.WriteStringValue(r.AssistanceCaseId);
            w.WriteStringValue(r.Status.ToString());
            w.WriteStringValue(r.RequestedBy);
            Instant(w, r.RequestedAt);
            w.WriteStringValue(r.AnsweredBy);
            Instant(w, r.AnsweredAt);
            Large(w, r.DeclineReasons);
            Large(w, r.Result);
            w.WriteStringValue(r.ResultSha256);
            w.WriteStringValue(r.ProvidedBy);
            Instant(w, r.ProvidedAt);
        })),
        _ => null,
    };

    /// <summary>The case a row belongs to, or null for an entity that is not a row of a case.</summary>
    public static string? OwnerOf(object row) => row switch
    {
        Case c => c.Id,
        WorkTask t => t.CaseId,
        CaseTimer t => t.CaseId,
        Notice n => n.CaseId,
        Licence l => l.CaseId,
        AssistanceRequest r => r.CaseId,
        _ => null,
    };

    private static (string, string) Keyed(string prefix, string digest) => (prefix + digest, digest);

    /// <summary>
    /// A JSON column enters as the SHA-256 of its UTF-8 text: escaping kilobytes of engine state inside the row's JSON
    /// on every transition would cost more than hashing it.
    /// </summary>
    private static void Large(Utf8JsonWriter w, string? text)
    {
        if (text is null)
        {
            w.WriteNullValue();
            return;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, buffer)), hash);
            w.WriteStringValue(Convert.ToHexStringLower(hash));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Instant(Utf8JsonWriter w, DateTime? at)
    {
        // As the database stores it: a local instant is converted to UTC on the way in.
        if (at is { } value) w.WriteStringValue((value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        else w.WriteNullValue();
    }

    private static void Day(Utf8JsonWriter w, DateOnly? day)
    {
        if (day is { } value) w.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        else w.WriteNullValue();
    }

    private static string Hash(Action<Utf8JsonWriter> columns)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            columns(writer);
            writer.WriteEndArray();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }
}
