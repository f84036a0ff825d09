using System.Text.Json.Nodes;
using CloudApproval.Cases.Applicants;
using CloudApproval.Cases.Documents;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Matters;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Cases.Tests.Documents;

/// <summary>A model with every name any template uses filled in: what a template can be rendered against in a test.</summary>
internal static class SampleNotice
{
    public static readonly DateTimeOffset IssuedAt = new(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(8));

    public static JsonObject Data() => new()
    {
        ["items"] = new JsonObject
        {
            ["corrections"] = new JsonArray("营业执照复印件不清晰，请重新上传", "法定代表人身份证明缺少签字"),
            ["period"] = "15wd",
            ["consequence"] = "逾期未补正的，视为撤回申请，本件办结",
            ["reason"] = "未签署容缺承诺，按一般程序一次性告知补正",
        },
        ["missing"] = "信用承诺书; 场所布局图",
        ["period"] = "10wd",
        ["consequence"] = "逾期未补齐的，给予一次宽限期",
        ["reason"] = "经营场所与食品安全要求不符",
        ["remedies"] = "If you disagree, you may apply for administrative reconsideration within 60 days, or sue within 6 months.",
        ["competentOrgan"] = "上海市卫生健康委员会",
        ["opinions"] = new JsonArray(new JsonObject { ["item"] = "planning-resources", ["outcome"] = "agree" }),
        ["warning"] = "警告（《行政许可法》第七十八条）",
        ["reapplicationBar"] = "一年内不得再次申请",
        ["reapply"] = "可以重新提出申请",
        ["grace"] = "5wd",
        ["findings"] = new JsonArray("实际经营面积小于承诺面积"),
        ["ground"] = "承诺不实且未整改",
        ["reasons"] = "以虚假承诺取得许可",
        ["statementConsidered"] = true,
        ["kind"] = "虚假承诺",
        ["at"] = "2026-03-12T01:30:00+00:00",
        ["record"] = "申请人陈述意见，利害关系人未提出异议。",
        ["note"] = "当事人逾期未确认，由主持人注明",
        ["result"] = "符合条件",
        ["days"] = 10,
        ["dayKind"] = "working",
        ["dueDate"] = "2026-04-14",
        ["approvedBy"] = "head-zhou",
        ["groundText"] = "专家评审",
        ["legalBasis"] = null,
        ["timeNeeded"] = "10wd",
        ["expectedBy"] = "2026-03-16",
        ["provisional"] = false,
        ["licenceType"] = "food-business-licence",
        ["number"] = "FOOD-20260302-ABC123",
        ["validFrom"] = "2026-03-02",
        ["validUntil"] = "2031-03-01",
        ["submittedAt"] = "2026-03-02T01:00:00Z",
        ["applicationId"] = "AP-20260302-XYZ",
        ["caseId"] = "CA-20260302-SAMPLE01",
        ["matterName"] = "食品经营许可",
        ["commitment"] = false,
        ["materials"] = new JsonArray(new JsonObject { ["code"] = "application-form", ["fileName"] = "form.pdf", ["size"] = 1024, ["sha256"] = new string('a', 64) }),
        ["deferred"] = new JsonArray("credit-commitment"),
        ["waivedByCommitment"] = new JsonArray(),
    };

    public static JsonObject Model(string template)
    {
        var notice = new Notice
        {
            Id = 7,
            CaseId = "CA-20260302-SAMPLE01",
            ActivityId = "notify",
            NoticeType = template,
            Template = template,
            Recipient = "applicant",
            DataJson = Data().ToJsonString(),
            CreatedAt = IssuedAt.UtcDateTime,
        };
        var c = new Case
        {
            Id = notice.CaseId,
            DefinitionId = "deficiency-pending",
            Version = 1,
            StateJson = "",
            StartedBy = "applicant-chen",
            Applicant = "applicant-chen",
            CreatedAt = IssuedAt.UtcDateTime.AddDays(-1),
        };
        var matter = new Matter("food-business-licence", new MatterName("食品经营许可", "Food business licence"), "market-supervision",
            new ProcedureBinding("deficiency-pending", null), 20, 10, [], new CommitmentTerms(false, []), null,
            [new LegalBasis("《中华人民共和国食品安全法》", "第三十五条")]);
        var profile = new ApplicantProfile { UserName = "applicant-chen", Name = "上海陈记餐饮有限公司", CreditCode = "91310000MA1FL0XX5B" };
        var clock = new LegalClockState
        {
            Status = ClockStatus.Running,
            LimitWorkingDays = 20,
            StartedOn = new DateOnly(2026, 3, 2),
            DueDate = new DateOnly(2026, 3, 30),
            PromisedDueDate = new DateOnly(2026, 3, 16),
        };
        return NoticeModel.Build(new NoticeModel.Facts(notice, "CA-20260302-SAMPLE01-0007", c, "Deficiency-tolerant acceptance 容缺办理", matter, profile,
            "market-supervision", IssuedAt, clock, new JsonObject { ["id"] = "AP-1", ["matter"] = "food-business-licence" }));
    }
}
