using System.Globalization;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Applicants;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Matters;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Cases.Documents;

/// <summary>
/// What a notice template may use. Every name is always present (blank or empty where unknown), so a template can test
/// <c>{% if matter.legalBasisText != "" %}</c> without tripping over a missing name:
/// <list type="bullet">
/// <item><c>notice</c>: id, type, template, recipient, number (文书编号)</item>
/// <item><c>case</c>: id, startedOn; <c>procedure</c>: id, version, name</item>
/// <item><c>matter</c>: code, name, nameEn, legalBasis (title, article), legalBasisText, legalLimit, promisedLimit</item>
/// <item><c>applicant</c>: code (the user), name (from the profile), creditCode, legalRepresentative, agent</item>
/// <item><c>department</c>: code, name, nameEn; <c>issueDate</c> (China time, 2026年3月2日), <c>issueDateIso</c></item>
/// <item><c>clock</c>: started, startedOn, dueDate, promisedDueDate, stoppedOn, limit, extension (dates as 2026年3月2日)</item>
/// <item><c>application</c>: id, deferred, waived (empty when the case did not come from an online application)</item>
/// <item><c>data</c>: the notice's own data, as the procedure gave it</item>
/// </list>
/// </summary>
public static class NoticeModel
{
    /// <summary>The facts a model is built from.</summary>
    public sealed record Facts(
        Notice Notice,
        string DocumentNumber,
        Case Case,
        string ProcedureName,
        Matter? Matter,
        ApplicantProfile? Profile,
        string Department,
        DateTimeOffset IssuedAt,
        LegalClockState? Clock,
        JsonObject? Application);

    public static JsonObject Build(Facts f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var issueDay = ChinaTime.DateOf(f.IssuedAt);
        return new JsonObject
        {
            ["notice"] = new JsonObject
            {
                ["id"] = f.Notice.Id,
                ["type"] = f.Notice.NoticeType,
                ["template"] = f.Notice.Template,
                ["recipient"] = f.Notice.Recipient,
                ["number"] = f.DocumentNumber,
            },
            ["case"] = new JsonObject
            {
                ["id"] = f.Case.Id,
                ["startedOn"] = NoticeTemplates.Chinese(ChinaTime.DateOf(new DateTimeOffset(f.Case.CreatedAt, TimeSpan.Zero))),
            },
            ["procedure"] = new JsonObject { ["id"] = f.Case.DefinitionId, ["version"] = f.Case.Version, ["name"] = f.ProcedureName },
            ["matter"] = MatterOf(f.Matter, f.ProcedureName),
            ["applicant"] = ApplicantOf(f.Case.Applicant, f.Profile),
            ["department"] = new JsonObject
            {
                ["code"] = f.Department,
                ["name"] = DepartmentNames.Zh(f.Department),
                ["nameEn"] = DepartmentNames.En(f.Department),
            },
            ["issueDate"] = NoticeTemplates.Chinese(issueDay),
            ["issueDateIso"] = issueDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["clock"] = ClockOf(f.Clock),
            ["application"] = new JsonObject
            {
                ["id"] = Text(f.Application?["id"]),
                ["deferred"] = f.Application?["deferredMaterials"]?.DeepClone() ?? new JsonArray(),
                ["waived"] = f.Application?["waivedByCommitment"]?.DeepClone() ?? new JsonArray(),
            },
            ["data"] = StoredJson.Parse(f.Notice.DataJson) as JsonObject ?? [],
        };
    }

    private static JsonObject MatterOf(Matter? matter, string procedureName)
    {
        var basis = new JsonArray();
        foreach (var b in matter?.LegalBasis ?? []) basis.Add(new JsonObject { ["title"] = b.Title, ["article"] = b.Article });
        return new JsonObject
        {
            ["code"] = matter?.Code ?? "",
            ["name"] = matter?.Name.Zh ?? procedureName,
            ["nameEn"] = matter?.Name.En ?? "",
            ["legalBasis"] = basis,
            ["legalBasisText"] = string.Join("；", (matter?.LegalBasis ?? []).Select(b => $"{Quoted(b.Title)}{b.Article}")),
            ["legalLimit"] = matter?.LegalLimitWorkingDays,
            ["promisedLimit"] = matter?.PromisedLimitWorkingDays,
        };
    }

    // A title given with its book-title marks keeps them; one without gets them.
    private static string Quoted(string title) => title.StartsWith('《') ? title : $"《{title}》";

    private static JsonObject ApplicantOf(string? user, ApplicantProfile? profile) => new()
    {
        ["code"] = user ?? "",
        ["name"] = profile?.Name ?? user ?? "",
        ["kind"] = profile?.Kind.ToString().ToLowerInvariant() ?? "",
        ["creditCode"] = profile?.CreditCode ?? "",
        ["legalRepresentative"] = profile?.LegalRepresentativeName ?? "",
        ["agent"] = profile?.AgentName ?? "",
    };

    private static JsonObject ClockOf(LegalClockState? clock) => new()
    {
        ["started"] = clock is not null,
        ["startedOn"] = clock is null ? "" : NoticeTemplates.Chinese(clock.StartedOn),
        ["dueDate"] = clock?.DueDate is { } due ? NoticeTemplates.Chinese(due) : "",
        ["promisedDueDate"] = clock?.PromisedDueDate is { } promised ? NoticeTemplates.Chinese(promised) : "",
        ["stoppedOn"] = clock?.StoppedOn is { } stopped ? NoticeTemplates.Chinese(stopped) : "",
        ["limit"] = clock?.LimitWorkingDays,
        ["extension"] = clock?.ExtensionWorkingDays,
        ["calendarDays"] = clock?.DayKind == DayKind.CalendarDays,
    };

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}
