using CloudApproval.Engine.Tests.Support;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Validation;

/// <summary>A definition file is named v&lt;N&gt;.json; any other name that looks like one is an error, never skipped (issue #6 item 11).</summary>
public sealed class FileNameTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "cloudapproval-tests-" + Guid.NewGuid().ToString("N"), "food-licence");
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);

    [TestCase("v0.json", 0)]
    [TestCase("v01.json", 1)]
    [TestCase("V1.json", 1)]
    [TestCase("v1.JSON", 1)]
    [TestCase("v1.json\n", 1)]
    public void ValidateFile_RefusesAMisnamedVersionFile(string name, int version)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, Def.Text(Acts.List(Acts.Start, Acts.End()), ["start:done -> end"], id: "food-licence", version: Math.Max(version, 1)));

        var errors = ProcedureValidator.ValidateFile(path);

        Assert.That(errors.Select(e => (e.Code, e.Path)), Is.EqualTo(new[] { ("file-name", "$") }));
        Assert.That(errors[0].Message, Does.Contain("v1.json"));
    }

    [TestCase("v0.json", true)]
    [TestCase("v01.json", true)]
    [TestCase("V1.json", true)]
    [TestCase("v12.json", true)]
    [TestCase("cn-2026.json", false)]
    [TestCase("verification.json", false)]
    [TestCase("procedure.schema.json", false)]
    public void AVersionFileCandidate_IsAnythingNamedLikeOne(string name, bool candidate)
    {
        Assert.That(ProcedureValidator.IsVersionFileCandidate(name), Is.EqualTo(candidate));
    }
}
