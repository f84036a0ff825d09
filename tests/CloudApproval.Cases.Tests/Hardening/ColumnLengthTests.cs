using System.Text.Json.Nodes;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Hardening;

/// <summary>A department taken from the case's input that its column cannot hold is refused before anything is written.</summary>
public sealed class ColumnLengthTests
{
    [Test]
    public async Task ADepartmentLongerThanItsColumn_IsRefused_NamingIt_AndNothingIsWritten()
    {
        using var folder = new TempFolder();
        await using var host = await CasesHost.StartAsync(folder);
        await host.ImportAsync(Procedures.CopySeeds(folder, "deficiency-pending"));
        var before = RawSql.Dump(host.Database);

        var error = await Expect.RefusedAsync(() => host.Runtime.StartAsync("deficiency-pending", null,
            new JsonObject { ["department"] = new string('d', 401) }, Actor.Operator("applicant-chen")));

        Assert.That(error.Code, Is.EqualTo("invalid-input"));
        Assert.That(error.Message, Does.Contain("'pre-review'").And.Contain("department is 401 characters long; at most 400"));
        Assert.That(RawSql.Dump(host.Database), Is.EqualTo(before));
    }

    [Test]
    public async Task ADepartmentThatFitsItsColumn_StartsTheCase()
    {
        using var folder = new TempFolder();
        await using var host = await CasesHost.StartAsync(folder);
        await host.ImportAsync(Procedures.CopySeeds(folder, "deficiency-pending"));

        var caseId = (await host.Runtime.StartAsync("deficiency-pending", null,
            new JsonObject { ["department"] = new string('d', 400) }, Actor.Operator("applicant-chen"))).CaseId;

        Assert.That((await host.OpenTaskAsync(caseId, "pre-review")).Department, Has.Length.EqualTo(400));
    }
}
