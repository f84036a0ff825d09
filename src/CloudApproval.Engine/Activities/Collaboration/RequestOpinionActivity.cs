using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Engine.Activities.Clock;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Activities.Collaboration;

/// <summary>
/// 征询意见: asks another department for its opinion. The department gets a task in its own inbox, due in working days and
/// never after the case's legal due date; the reply is structured (agree, agree with conditions listed, disagree with
/// reasons); silence means what the matter's policy says: escalated to the department's head, deemed consent (only with
/// a legal basis, recorded as "no reply by" the due date), or nothing (the case waits). Every reply becomes an official
/// document (征询意见回复, notice type <c>opinion-reply</c>) addressed to the lead department and sealed by the department
/// that answered; a deemed consent is no statement of the silent department, so the lead department it is addressed to
/// records it under its own seal instead, naming the date and the legal basis.
/// </summary>
internal sealed class RequestOpinionActivity : ActivityType
{
    public const string Agree = "agree";
    public const string AgreeWithConditions = "agree-with-conditions";
    public const string Disagree = "disagree";

    /// <summary>What silence means; a procedure usually takes it from the matter (a $variable).</summary>
    public static readonly IReadOnlyList<string> SilencePolicies = ["escalate", "deemed-consent", "block"];

    public override ActivityDescriptor Descriptor { get; } = new(
        "RequestOpinion", "Collaboration",
        "征询意见: a task in the consulted department's inbox, due in working days (capped at the legal due date), answered agree / agree with conditions / disagree with reasons; silence is escalated to its head, deemed consent (with a legal basis) or blocks.",
        Inputs:
        [
            new("department", InputKind.Department, true, "The consulted department, or $variable (a ForEachParallel item)."),
            new("role", InputKind.Role, true, "The role in that department that answers, e.g. reviewer."),
            new("questions", InputKind.Text, true, "What the department is asked (shown in its task)."),
            new("materials", InputKind.Expression, false, "Expression giving the material codes the department may see."),
            new("due", InputKind.WorkingDays, true, "Reply due in working days; never after a running legal clock's due date."),
            new("silencePolicy", InputKind.Text, false,
                "escalate (default: the department's head answers instead), deemed-consent (needs legalBasis) or block (the case waits), or $variable."),
            new("legalBasis", InputKind.Text, false, "The provision under which silence counts as consent; required for deemed-consent."),
            new("escalateTo", InputKind.Role, false, "Who answers when the department is silent and the policy is escalate; department-head by default."),
            new("saveAs", InputKind.ObjectVariableRef, false, "Variable that receives the reply (conditions, reasons, deemed)."),
            new("replyTo", InputKind.Department, false, "The lead department the sealed reply (征询意见回复) is addressed to, or $variable; the case's department by default."),
        ],
        Ports:
        [
            new(Agree, "The department agrees (or is deemed to)."),
            new(AgreeWithConditions, "The department agrees on the conditions it lists."),
            new(Disagree, "The department disagrees, with reasons."),
        ],
        Outputs: [new("reply", "The reply's data, stored in 'saveAs'.")]);

    internal override void Execute(ActivityContext context)
    {
        var policy = context.OptionalText("silencePolicy") ?? "escalate";
        if (!SilencePolicies.Contains(policy))
            throw context.Fault($"input 'silencePolicy': '{policy}' is not one of {string.Join(", ", SilencePolicies)}");
        var legalBasis = context.OptionalText("legalBasis");
        if (policy == "deemed-consent" && legalBasis is null)
            throw context.Fault("input 'silencePolicy': deemed consent needs the legal basis that makes silence consent (input 'legalBasis')");
        var department = context.RequiredText("department");
        var materials = context.Evaluate("materials") is JsonArray list ? list.Select(m => m?.ToString()).OfType<string>().ToList() : [];
        var task = new TaskRecord
        {
            Id = context.State.NextId("task"),
            ActivityId = context.Activity.Id,
            Title = "征询意见 Opinion request",
            Instructions = context.RequiredText("questions")
                + (materials.Count == 0 ? "" : $" Materials shared with you: {string.Join(", ", materials)}.")
                + policy switch
                {
                    "deemed-consent" => $" No reply by the due date counts as consent ({legalBasis}).",
                    "escalate" => " No reply by the due date passes the request to your department's head.",
                    _ => " The case waits for your reply.",
                },
            Role = context.RequiredText("role"),
            Department = department,
            Outcomes = [Agree, AgreeWithConditions, Disagree],
            Form =
            [
                new("conditions", "Conditions of the consent (one per line)", "text", false, RequiredFor: [AgreeWithConditions]),
                new("reasons", "Reasons for disagreeing", "text", false, RequiredFor: [Disagree]),
            ],
            CreatedAt = context.Now,
            Status = HumanTaskStatus.Open,
            // The consulted department sees the questions and these materials, not the rest of the case.
            SharedMaterials = materials,
        };
        var due = context.EndAfter(context.Duration("due") ?? throw context.Fault("input 'due' is required"));
        (task.DueAt, task.DueDate, task.DueRule, task.DueProvisional) = (due.At, due.Day, due.Rule, due.Provisional);
        LegalClock.Cap(task, context.State.Clock);
        if (policy == "deemed-consent")
        {
            task.DefaultOutcome = Agree;
            task.DefaultData = new JsonObject
            {
                ["deemed"] = true,
                ["noReplyBy"] = task.DueDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["legalBasis"] = legalBasis,
            };
        }
        else if (policy == "escalate")
            task.EscalateTo = context.Text("escalateTo") ?? "department-head";
        context.AddTask(task);
        context.Token.TaskId = task.Id;
        context.Token.SaveAs = context.Text("saveAs");
        // Silence is decided at the (capped) due instant itself; a blocking request has no deadline.
        if (policy != "block") context.ScheduleTimer(TimerPurpose.Deadline, new Moment(task.DueAt!.Value, task.DueDate, task.DueCappedByLegalLimit ? null : task.DueRule, task.DueProvisional));
        context.Park();
    }

    /// <summary>The reply's document goes out before the flow leaves by the outcome (the usual way).</summary>
    internal override bool TaskFinished(ActivityContext context, TaskRecord task)
    {
        var deemed = task.CompletedBy == TaskRecord.DeadlineCompleter;
        var reply = new JsonObject
        {
            ["department"] = task.Department,
            ["role"] = task.Role,
            ["questions"] = context.RequiredText("questions"),
            ["outcome"] = task.Outcome,
            ["conditions"] = Field(task, "conditions"),
            ["reasons"] = Field(task, "reasons"),
            ["deemed"] = deemed,
            ["noReplyBy"] = deemed ? Field(task, "noReplyBy") : null,
            ["legalBasis"] = deemed ? Field(task, "legalBasis") : null,
            ["answeredBy"] = deemed ? null : task.CompletedBy,
            ["answeredAt"] = context.Now.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        // Deemed: the lead department it is addressed to records it (null: the case's department, the lead by default).
        var lead = context.OptionalText("replyTo");
        context.Emit(new NoticeSent(ReplyNotice, ReplyNotice, lead ?? "department", context.Activity.Id, reply, Issuer: deemed ? lead : task.Department));
        return false;
    }

    /// <summary>The notice type and template of the sealed reply.</summary>
    public const string ReplyNotice = "opinion-reply";

    private static string? Field(TaskRecord task, string name) =>
        task.Data?[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Trim().Length > 0 ? s : null;

    internal override IEnumerable<InputProblem> Check(ActivityDefinition activity, ProcedureDefinition definition)
    {
        var policy = activity.Text("silencePolicy");
        if (policy is not null && !policy.StartsWith('$') && !SilencePolicies.Contains(policy))
            yield return new("silencePolicy", "unknown-choice", $"'{Quoted.Of(policy)}' is not one of {string.Join(", ", SilencePolicies)}");
        if (policy == "deemed-consent" && activity.Text("legalBasis") is null)
            yield return new("legalBasis", "missing-legal-basis", "deemed consent needs the legal basis that makes silence consent");
    }
}
