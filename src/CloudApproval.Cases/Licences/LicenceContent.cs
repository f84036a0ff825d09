using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CloudApproval.Cases.Licences;

/// <summary>
/// What a licence says, as sealed: the canonical JSON is written in this declared order, compact, Chinese unescaped,
/// and the seal is over exactly its UTF-8 bytes. Stored as text beside the seal; never re-serialised to check it.
/// </summary>
public sealed record LicenceContent(
    string Number,
    LicenceHolder Holder,
    LicenceMatter? Matter,
    string Type,
    string? TypeName,
    string? Scope,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    string Issuer,
    DateTime IssuedAt)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(LicenceContent content) =>
        JsonSerializer.Serialize(content with { IssuedAt = DateTime.SpecifyKind(content.IssuedAt, DateTimeKind.Utc) }, Options);

    public static byte[] Bytes(string contentJson) => Encoding.UTF8.GetBytes(contentJson);

    /// <summary>The stored text back, or null when it no longer parses (a tampered row).</summary>
    public static LicenceContent? TryRead(string? json)
    {
        if (json is null) return null;
        try
        {
            return JsonSerializer.Deserialize<LicenceContent>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Number} ({Type})");
}

/// <summary>The holder: the applicant's registered name, and their unified social credit code or identity number (never public).</summary>
public sealed record LicenceHolder(string Name, string? Code);

/// <summary>The matter the licence was applied for.</summary>
public sealed record LicenceMatter(string Code, string NameZh, string NameEn);
