using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Hardening;

/// <summary>Imports racing on one fresh database: each version ends up stored once, and every import succeeds.</summary>
public sealed class ImportRaceTests
{
    [Test]
    public async Task ThreeImports_RacingOnAFreshDatabase_AllSucceed_AndStoreEachVersionOnce()
    {
        // Several rounds: one round may happen not to overlap at the critical moment.
        for (var round = 0; round < 3; round++)
        {
            using var folder = new TempFolder();
            var hosts = new List<CasesHost>();
            for (var i = 0; i < 3; i++) hosts.Add(await CasesHost.StartAsync(folder));
            try
            {
                var reports = new ImportReport?[3];
                var errors = await Race.RunAsync(hosts.Select((h, i) => (Func<Task>)(async () => reports[i] = await h.ImportAsync())).ToArray());

                Assert.That(errors, Is.All.Null, string.Join("\n", errors.Where(e => e is not null)));
                var versions = (await hosts[0].Get<ProcedureCatalog>().ListAsync()).Select(v => $"{v.DefinitionId} v{v.Version}").ToList();
                Assert.That(reports.SelectMany(r => r!.Added), Is.EquivalentTo(versions), "each version added by exactly one import");
                Assert.That(reports.SelectMany(r => r!.Unchanged).Count(), Is.EqualTo(2 * versions.Count), "the others found it unchanged");
            }
            finally
            {
                foreach (var h in hosts) await h.DisposeAsync();
            }
        }
    }
}
