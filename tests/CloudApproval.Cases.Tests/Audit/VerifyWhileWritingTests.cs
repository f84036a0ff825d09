using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Audit;

/// <summary>
/// Verifying a case reads its row, its entries and its other rows in several queries: a commit landing between them must
/// not look like a broken chain. A clerk claims and releases the case's task over and over while it is verified.
/// </summary>
public sealed class VerifyWhileWritingTests
{
    private static readonly Actor Li = new("clerk-li", null, [ActorRoles.Clerk], ["market-supervision"], ["intake-clerk"]);

    private TempFolder _folder = null!;
    private CasesHost _host = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, new ManualClock(ManualClock.MondayMorning));
        await _host.ImportAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Test]
    public async Task A_case_verified_while_its_chain_grows_is_always_intact()
    {
        var caseId = await _host.StartDeficiencyAsync();
        var task = await _host.OpenTaskAsync(caseId, "pre-review");
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 60; i++)
            {
                await _host.Tasks.ClaimAsync(task.Id, Li);
                await _host.Tasks.ReleaseAsync(task.Id, Li);
            }
        });
        var checks = 0;
        var broken = new List<string>();
        while (!writer.IsCompleted)
        {
            var verification = await _host.VerifyAsync(caseId);
            checks++;
            if (!verification.Intact) broken.Add(verification.Reason!);
        }
        await writer;

        Assert.That(broken, Is.Empty, $"{broken.Count} of {checks} checks saw a broken chain");
        Assert.That((await _host.VerifyAsync(caseId)).Entries, Is.GreaterThanOrEqualTo(120), "every claim and release is on the chain");
    }
}
