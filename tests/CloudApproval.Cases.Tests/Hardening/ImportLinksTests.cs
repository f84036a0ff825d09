using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Hardening;

/// <summary>Import reads only the workflows folder: a link out of it is skipped and reported, never imported.</summary>
public sealed class ImportLinksTests
{
    [Test]
    public async Task Import_SkipsALinkOutOfTheFolder_AndReportsIt()
    {
        using var folder = new TempFolder();
        await using var host = await CasesHost.StartAsync(folder);
        var workflows = Procedures.CopySeeds(folder, "commitment");
        var link = Path.Combine(Directory.CreateDirectory(Path.Combine(workflows, "deficiency-pending")).FullName, "v1.json");
        File.CreateSymbolicLink(link, Repo.ProcedureFile("deficiency-pending", 1));

        var report = await host.ImportAsync(workflows);

        Assert.That(report.Added, Is.EqualTo(new[] { "commitment v1" }));
        Assert.That(report.Skipped, Is.EqualTo(new[] { $"{link}: a link out of the folder (to {Repo.ProcedureFile("deficiency-pending", 1)})" }));
    }
}
