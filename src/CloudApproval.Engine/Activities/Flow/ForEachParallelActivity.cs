using System.Globalization;
using System.Text.Json.Nodes;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Expressions;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Activities.Flow;

/// <summary>
/// A Fork with one branch per item of a collection (the departments to consult). Each branch leaves by 'branch' with
/// the item in its own copy of <c>itemVariable</c>; the Join naming this activity leaves by 'done' once the completion
/// condition is met, cancelling what the other branches still wait for, and the results go to <c>saveAs</c>.
/// </summary>
internal sealed class ForEachParallelActivity : ActivityType
{
    /// <summary>More branches than this is a collection the procedure did not mean (a whole register, not the departments).</summary>
    public const int MaxBranches = 100;

    private const string All = "all";
    private const string Any = "any";

    public override ActivityDescriptor Descriptor { get; } = new(
        "ForEachParallel", "Flow",
        "Starts one branch per item of a list (e.g. the departments to consult), all at once; a Join naming this activity continues once the completion condition is met, "
        + "cancelling the tasks, timers and sub-procedures the other branches still wait for.",
        Inputs:
        [
            new("items", InputKind.Expression, true, "Expression giving a JSON array, e.g. vars.departments; one branch per item (at most 100)."),
            new("itemVariable", InputKind.VariableRef, true,
                "Declared variable holding the branch's item, in that branch only (e.g. department, used by the branch's task as $department)."),
            new("completion", InputKind.Text, false,
                "When the Join continues: all (default), any, a number of branches such as 2, or an expression over vars (the results so far are in saveAs) checked as each branch arrives."),
            new("saveAs", InputKind.ObjectVariableRef, false,
                "json variable receiving the results, one per item in order: {item, status (completed, cancelled or running), activity, outcome, completedBy, data} of the branch's last task or sub-procedure."),
        ],
        Ports:
        [
            new("branch", "Each item's branch starts here."),
            new("empty", "The list was empty: no branch started."),
        ],
        Outputs: [new("results", "The branch results, stored in 'saveAs' when the Join continues.")]);

    internal override void Execute(ActivityContext context)
    {
        var items = context.Evaluate("items") as JsonArray ?? throw context.Fault("input 'items' must evaluate to a JSON array");
        if (items.Count > MaxBranches) throw context.Fault($"input 'items' gives {items.Count} items; at most {MaxBranches} branches run at once");
        if (items.Count == 0)
        {
            context.Continue("empty");
            return;
        }
        var itemVariable = context.RequiredText("itemVariable");
        var declared = context.Run.Definition.Variables.First(v => v.Name == itemVariable);
        var fork = new ForkRecord
        {
            Id = context.State.NextId("fork"),
            ActivityId = context.Activity.Id,
            Branches = items.Count,
            Items = (JsonArray)items.DeepClone(),
            Results = [.. items.Select(_ => (JsonNode?)null)],
            Locals = (JsonObject?)context.Token.Locals?.DeepClone(),
        };
        context.State.Forks.Add(fork);
        for (var i = 0; i < items.Count; i++)
        {
            if (VariableValues.Check(declared.Type, items[i]) is { } problem)
                throw context.Fault($"item {i} does not fit variable '{itemVariable}' ({VariableTypes.Name(declared.Type)}): {problem}");
            var token = context.Run.NewToken([.. context.Token.ForkStack, fork.Id], context.Token);
            token.Locals ??= [];
            token.Locals[itemVariable] = items[i]?.DeepClone();
            token.BranchIndex ??= new(StringComparer.Ordinal);
            token.BranchIndex[fork.Id] = i;
            context.Run.Continue(token, context.Activity.Id, "branch");
        }
    }

    /// <summary>
    /// A branch reached the Join: its result is kept; when the completion condition is met the other branches are
    /// cancelled, the results saved, and the flow that entered continues. Returns whether the Join continues.
    /// </summary>
    internal static bool Arrive(ActivityContext context, ForkRecord fork)
    {
        var token = context.Token;
        var index = token.BranchIndex![fork.Id];
        var result = new JsonObject { ["item"] = fork.Items![index]?.DeepClone(), ["status"] = "completed" };
        foreach (var (key, value) in token.Result ?? []) result[key] = value?.DeepClone();
        fork.Results![index] = result;
        fork.Arrived++;
        var activity = context.Run.Definition.FindActivity(fork.ActivityId)!;
        var saveAs = activity.Text("saveAs");
        var completion = activity.Text("completion") ?? All;
        var met = fork.Arrived >= fork.Branches || completion switch
        {
            All => false,
            Any => true,
            _ when int.TryParse(completion, NumberStyles.None, CultureInfo.InvariantCulture, out var count) => fork.Arrived >= count,
            _ => CompletionExpressionHolds(context, fork, saveAs!, completion),
        };
        if (!met) return false;
        context.Run.CancelBranches(fork, token, $"'{fork.ActivityId}' completed ({completion}) before this branch did");
        for (var i = 0; i < fork.Branches; i++)
            fork.Results[i] ??= new JsonObject { ["item"] = fork.Items[i]?.DeepClone(), ["status"] = "cancelled" };
        // The flow that leaves is the one that entered: its own variables and branch indexes, not the last branch's.
        token.Locals = fork.Locals;
        token.BranchIndex?.Remove(fork.Id);
        if (token.BranchIndex is { Count: 0 }) token.BranchIndex = null;
        token.Result = null;
        if (saveAs is not null) context.Run.Assign(context.Activity.Id, saveAs, fork.Results.DeepClone(), token);
        return true;
    }

    /// <summary>The results so far are saved first, so the expression can count outcomes (vars.opinions.some(...)).</summary>
    private static bool CompletionExpressionHolds(ActivityContext context, ForkRecord fork, string saveAs, string expression)
    {
        var sofar = new JsonArray();
        for (var i = 0; i < fork.Branches; i++)
            sofar.Add(fork.Results![i]?.DeepClone() ?? new JsonObject { ["item"] = fork.Items![i]?.DeepClone(), ["status"] = "running" });
        context.Run.Assign(context.Activity.Id, saveAs, sofar);
        return context.Run.IsTrue(context.Activity.Id, expression);
    }

    internal override IEnumerable<InputProblem> Check(ActivityDefinition activity, ProcedureDefinition definition)
    {
        if (activity.Text("completion") is { } completion && completion is not (All or Any))
        {
            if (int.TryParse(completion, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                if (count == 0) yield return new("completion", "invalid-completion", "a number of branches is at least 1");
            }
            else if (ExpressionEvaluator.SyntaxError(completion) is { } error)
                yield return new("completion", "expression-syntax", $"not all, any, a number of branches or an expression: {error}");
            else if (ExpressionEvaluator.NondeterminismError(completion) is { } random)
                yield return new("completion", "nondeterministic", random);
            else if (activity.Input("saveAs") is null)
                yield return new("completion", "missing-input", "a completion expression reads the results so far from saveAs; set saveAs");
        }
        if (activity.Text("itemVariable") is { } item && item == activity.Text("saveAs"))
            yield return new("saveAs", "same-variable", $"'{item}' already holds each branch's item; save the results in another variable");
    }
}
