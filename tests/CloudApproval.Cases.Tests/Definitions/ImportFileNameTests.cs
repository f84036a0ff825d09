using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tests.Definitions;

/// <summary>Import applies the validator's file-name rule: a misnamed version file is refused, never silently skipped (issue #6 item 11).</summary>
public sealed class ImportFileNameTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, new ManualClock(ManualClock.MondayMorning));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [TestCase("v0.json")]
    [TestCase("v01.json")]
    [TestCase("V1.json")]
    public async Task Import_RefusesAMisnamedVersionFile_AndImportsNothing(string name)
    {
        var workflows = Procedures.CopySeeds(_folder, "commitment", "deficiency-pending");
        File.Move(Path.Combine(workflows, "commitment", "v1.json"), Path.Combine(workflows, "commitment", name));

        var refused = await Expect.RefusedAsync(() => _host.ImportAsync(workflows));

        Assert.That(refused.Code, Is.EqualTo("invalid-definition"));
        Assert.That(refused.Message, Does.Contain(name).And.Contain("[file-name]"));
        await using var db = _host.Db();
        Assert.That(await db.ProcedureVersions.CountAsync(), Is.Zero);
    }
}
