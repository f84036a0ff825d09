using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using CloudApproval.Cases.Matters;

namespace CloudApproval.Cases.Applications;

/// <summary>
/// The canonical texts an applicant signs. Properties in a fixed order, the form data's keys sorted at every depth,
/// times in UTC to the tick, no whitespace: the same application always gives the same bytes, so a verifier re-derives
/// the text from the stored rows and compares it with what was signed.
/// </summary>
internal static class CanonicalStatements
{
    internal static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), WriteIndented = false };

    /// <summary>The application as handed in (or corrected): who, what, which files and licences, which choice.</summary>
    public static string Application(Application application, IEnumerable<ApplicationMaterial> materials, IEnumerable<ApplicationLicence> licences,
        IReadOnlyList<string> deferred)
    {
        var statement = new JsonObject
        {
            ["statement"] = StatementKinds.Application,
            ["applicationId"] = application.Id,
            ["revision"] = application.Revision,
            ["applicant"] = application.Applicant,
            ["matter"] = application.MatterCode,
            ["data"] = Sorted(JsonNode.Parse(application.DataJson)),
            ["materials"] = new JsonArray([.. materials.OrderBy(m => m.MaterialCode, StringComparer.Ordinal).Select(m => (JsonNode)new JsonObject
            {
                ["code"] = m.MaterialCode,
                ["version"] = m.Version,
                ["file"] = m.FileName,
                ["size"] = m.Size,
                ["sha256"] = m.Sha256,
            })]),
            ["eLicences"] = new JsonArray([.. licences.OrderBy(l => l.MaterialCode, StringComparer.Ordinal).Select(l => (JsonNode)new JsonObject
            {
                ["code"] = l.MaterialCode,
                ["licenceType"] = l.LicenceType,
                ["licenceNumber"] = l.LicenceNumber,
            })]),
            ["commitment"] = application.Commitment,
            ["deferredMaterials"] = new JsonArray([.. deferred.Order(StringComparer.Ordinal).Select(c => (JsonNode)JsonValue.Create(c))]),
            ["submittedAt"] = Time(application.SubmittedAt ?? throw new InvalidOperationException($"application {application.Id} is not submitted")),
        };
        // The particulars with the labels the applicant read, as the receipt recorded them at submission (the matter's
        // form may change later); applications of matters without a form sign their data alone, as before forms existed.
        if (Receipts.ParticularsOf(application) is { Count: > 0 } particulars)
            statement["particulars"] = new JsonArray([.. particulars.Select(p => (JsonNode)Particular(p))]);
        // Only a renewal names the licence it renews: the statements of first applications stay as they were signed.
        if (application.RenewsLicence is { } renews) statement["renews"] = renews;
        return Text(statement);
    }

    /// <summary>
    /// 告知承诺书: the authority's written notification (conditions, the proof no longer asked for, the liability for a false
    /// commitment) and the applicant's commitment that the conditions are met, in full.
    /// </summary>
    public static string CommitmentLetter(Application application, Matter matter, IReadOnlyList<string> waived, DateTime signedAt)
    {
        var names = Named(matter, waived);
        return Text(new JsonObject
        {
            ["statement"] = StatementKinds.CommitmentLetter,
            ["applicationId"] = application.Id,
            ["applicant"] = application.Applicant,
            ["matter"] = matter.Code,
            ["matterName"] = matter.Name.Zh,
            ["replacedMaterials"] = Materials(names),
            ["text"] = CommitmentText(application, matter, waived),
            ["signedAt"] = Time(signedAt),
        });
    }

    /// <summary>The words of the commitment letter, which the applicant reads before choosing 告知承诺 and then signs.</summary>
    public static string CommitmentText(Application application, Matter matter, IReadOnlyList<string> waived)
    {
        var names = Named(matter, waived);
        var basis = string.Join("；", matter.LegalBasis.Select(b => b.Title + b.Article));
        return
            $"告知承诺书 Commitment letter. 申请人 {application.Applicant} 申请“{matter.Name.Zh}”（{matter.Name.En}），依据{basis}。" +
            "申请人已知悉行政机关告知的全部许可条件、应当提交的材料和虚假承诺的法律责任，现承诺：" +
            "一、申请人符合告知的许可条件，所填写的信息和提交的材料真实、准确、完整；" +
            $"二、以下证明材料以本承诺代替，行政机关不再索要：{string.Join("、", names.Select(n => $"{n.Name}（{n.Code}）"))}；" +
            "三、愿意接受事后核查，如实提供核查所需的资料；" +
            "四、承诺不实的，愿意承担相应法律责任：行政机关可以终止办理、责令限期整改，依法撤销已作出的许可决定，依法给予处罚，并记入信用记录。" +
            " The applicant has been told the conditions, the proof normally required and the liability for a false commitment, " +
            "and commits that the conditions are met and that the proof listed is replaced by this commitment; a false commitment " +
            "stops processing, leads to a correction order and the revocation of the decision, a penalty and a credit record.";
    }

    /// <summary>容缺承诺: which materials come later, by when, and what happens if they do not.</summary>
    public static string DeficiencyUndertaking(Application application, Matter matter, IReadOnlyList<string> deferred, DateOnly supplementBy, DateTime signedAt)
    {
        var names = Named(matter, deferred);
        var by = supplementBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var text =
            $"容缺承诺 Deficiency undertaking. 申请人 {application.Applicant} 申请“{matter.Name.Zh}”，承诺于 {by} 前（承诺时限 {matter.PromisedLimitWorkingDays} 个工作日内）补齐以下容缺材料：" +
            string.Join("、", names.Select(n => $"{n.Name}（{n.Code}）")) +
            "。逾期未补齐的，给予一次宽限期；仍未补齐的，终止办理或依法撤销已作出的许可。" +
            $" The applicant undertakes to supply the materials listed by {by}; if they do not arrive, one grace period is granted, " +
            "after which the case is terminated or a licence already granted may be revoked.";
        return Text(new JsonObject
        {
            ["statement"] = StatementKinds.DeficiencyUndertaking,
            ["applicationId"] = application.Id,
            ["applicant"] = application.Applicant,
            ["matter"] = matter.Code,
            ["deferredMaterials"] = Materials(names),
            ["supplementBy"] = by,
            ["text"] = text,
            ["signedAt"] = Time(signedAt),
        });
    }

    private static JsonObject Particular(Particular p)
    {
        var item = new JsonObject
        {
            ["key"] = p.Key,
            ["label"] = new JsonObject { ["zh"] = p.Label.Zh, ["en"] = p.Label.En },
            ["value"] = Sorted(p.Value),
        };
        if (p.ValueLabel is { } shown) item["valueLabel"] = new JsonObject { ["zh"] = shown.Zh, ["en"] = shown.En };
        return item;
    }

    public static string Time(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static List<(string Code, string Name)> Named(Matter matter, IEnumerable<string> codes) =>
        [.. codes.Order(StringComparer.Ordinal).Select(c => (c, matter.Materials.FirstOrDefault(m => m.Code == c)?.Name.Zh ?? c))];

    private static JsonArray Materials(List<(string Code, string Name)> names) =>
        new([.. names.Select(n => (JsonNode)new JsonObject { ["code"] = n.Code, ["name"] = n.Name })]);

    private static string Text(JsonObject statement) => statement.ToJsonString(Options);

    /// <summary>A copy with every object's keys in ordinal order.</summary>
    internal static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        null => null,
        _ => node.DeepClone(),
    };
}
