using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Hardening;

/// <summary>Every use case refuses an empty or blank identity (who acts, who receives), and changes nothing.</summary>
[Parallelizable(ParallelScope.Children)]
public sealed class IdentityTests
{
    private static Task Act(string useCase, CasesHost h, long task, string caseId, string who) => useCase switch
    {
        "claim" => h.Tasks.ClaimAsync(task, Actor.Operator(who)),
        "release" => h.Tasks.ReleaseAsync(task, Actor.Operator(who)),
        "assign: blank assignee" => h.Tasks.AssignAsync(task, Actor.Operator(who), Actor.Operator("supervisor-wu")),
        "assign: blank actor" => h.Tasks.AssignAsync(task, Actor.Operator("clerk-li"), Actor.Operator(who)),
        "complete" => h.Tasks.CompleteAsync(task, "accept", null, Actor.Operator(who)),
        "start" => h.Runtime.StartAsync("deficiency-pending", null, null, Actor.Operator(who)),
        "send event" => h.Runtime.SendEventAsync(caseId, "commitment-signed", null, Actor.Operator(who)),
        "import" => h.Get<ImportProcedures>().RunAsync(Repo.Workflows, TestActors.Analyst(who), publish: true),
        "publish" => h.Get<PublishProcedure>().PublishAsync("deficiency-pending", 1, TestActors.Analyst(who)),
        "retire" => h.Get<PublishProcedure>().RetireAsync("deficiency-pending", 1, TestActors.Analyst(who)),
        _ => throw new ArgumentOutOfRangeException(nameof(useCase), useCase, null),
    };

    [TestCase("claim")]
    [TestCase("release")]
    [TestCase("assign: blank assignee")]
    [TestCase("assign: blank actor")]
    [TestCase("complete")]
    [TestCase("start")]
    [TestCase("send event")]
    [TestCase("import")]
    [TestCase("publish")]
    [TestCase("retire")]
    public async Task UseCase_RefusesABlankIdentity_AndChangesNothing(string useCase)
    {
        using var folder = new TempFolder();
        await using var host = await CasesHost.StartAsync(folder);
        await host.ImportAsync();
        var caseId = await host.StartDeficiencyAsync();
        var task = (await host.OpenTaskAsync(caseId, "pre-review")).Id;
        var before = RawSql.Dump(host.Database);

        foreach (var blank in new[] { "", " ", "\t\n" })
        {
            var error = await Expect.RefusedAsync(() => Act(useCase, host, task, caseId, blank), $"'{blank}'");
            Assert.That(error.Code, Is.EqualTo("invalid-input"));
            Assert.That(error.Message, Does.Contain("is required: an empty or blank identity is not one"));
        }
        Assert.That(RawSql.Dump(host.Database), Is.EqualTo(before));
    }
}
