using System.Globalization;
using System.Text.Json.Nodes;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Activities.Clock;

internal sealed class SuspendLegalClockActivity : ActivityType
{
    /// <summary>The only grounds of art. 45, with the words the applicant reads.</summary>
    public static readonly IReadOnlyDictionary<string, string> Grounds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["hearing"] = "听证 hearing",
        ["bidding"] = "招标 bidding",
        ["auction"] = "拍卖 auction",
        ["inspection"] = "检验 inspection",
        ["testing"] = "检测 testing",
        ["quarantine"] = "检疫 quarantine",
        ["appraisal"] = "鉴定 appraisal",
        ["expert-review"] = "专家评审 expert review",
    };

    /// <summary>A ground given by a special law (named in <c>legalBasis</c>), not by art. 45.</summary>
    public const string Special = "special";

    public override ActivityDescriptor Descriptor { get; } = new(
        "SuspendLegalClock", "Legal clock",
        "Stops counting for an art. 45 ground (or one a special law names) and tells the applicant in writing the ground and the time needed.",
        Inputs:
        [
            new("ground", InputKind.Choice, true,
                "The art. 45 ground: hearing 听证, bidding 招标, auction 拍卖, inspection 检验, testing 检测, quarantine 检疫, appraisal 鉴定, "
                + "expert-review 专家评审; or special, with legalBasis naming the special law. A site survey (art. 34) is not a ground.",
                [.. Grounds.Keys, Special]),
            new("legalBasis", InputKind.Text, false, "The special law that allows the suspension; required for the ground special."),
            new("timeNeeded", InputKind.Duration, true, "The time the applicant is told the ground needs, e.g. 20wd or 30d."),
            new("maxLength", InputKind.Duration, false, "After this long the department head is alerted; default timeNeeded."),
            new("reason", InputKind.Text, false, "Further words for the applicant (what is tested, who reviews)."),
        ],
        Ports: [new("done", "Always.")],
        Outputs: []);

    internal override void Execute(ActivityContext context)
    {
        var ground = context.RequiredText("ground");
        var legalBasis = context.Text("legalBasis");
        if (ground == Special && legalBasis is null) throw context.Fault("input 'legalBasis' is required for the ground 'special'");
        var timeNeeded = context.Duration("timeNeeded") ?? throw context.Fault("input 'timeNeeded' is required");
        var reason = context.Text("reason") ?? (Grounds.TryGetValue(ground, out var words) ? words : legalBasis!);
        var expectedBy = context.EndAfter(timeNeeded);
        // The head is alerted after maxLength, by default when the time needed is up.
        var alertAt = context.Duration("maxLength") is { } maxLength ? context.EndAfter(maxLength) : expectedBy;
        LegalClock.Suspend(context.Run, context.Activity.Id,
            new ClockSuspension(context.Today, null, reason, ground, legalBasis, timeNeeded.ToString()), alertAt);
        context.Notice("clock-suspended", "clock-suspended", "applicant", new JsonObject
        {
            ["ground"] = ground,
            ["groundText"] = Grounds.GetValueOrDefault(ground),
            ["legalBasis"] = legalBasis,
            ["reason"] = reason,
            ["timeNeeded"] = timeNeeded.ToString(),
            ["expectedBy"] = LegalClock.Iso(ChinaTime.DateOf(expectedBy.At.AddTicks(-1))),
            ["provisional"] = expectedBy.Provisional,
        });
        context.Continue("done");
    }

    internal override IEnumerable<InputProblem> Check(ActivityDefinition activity, ProcedureDefinition definition)
    {
        if (activity.Text("ground") == Special && activity.Input("legalBasis") is null)
            yield return new("legalBasis", "missing-input", "the ground 'special' needs legalBasis naming the special law that allows the suspension");
        if (activity.Text("ground") is { } ground && ground != Special && activity.Input("legalBasis") is not null)
            yield return new("legalBasis", "unexpected-input", $"legalBasis is only for the ground 'special'; '{ground}' is an art. 45 ground");
    }
}
