using CloudApproval.Engine.Tests.Support;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Validation;

/// <summary>A file on disk must sit at workflows/&lt;definitionId&gt;/v&lt;version&gt;.json.</summary>
public sealed class ValidateFileTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "cloudapproval-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private string Write(string folder, string name, string id, int version)
    {
        var dir = Path.Combine(_folder, folder);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, Def.Text(Acts.List(Acts.Start, Acts.End()), ["start:done -> end"], id: id, version: version));
        return path;
    }

    [Test]
    public void ValidateFile_AcceptsAFileWhereItsIdAndVersionSay()
    {
        var path = Write("food-licence", "v3.json", "food-licence", 3);

        Assert.That(ProcedureValidator.ValidateFile(path), Is.Empty);
    }

    [Test]
    public void ValidateFile_ReportsAFolderThatIsNotTheDefinitionId()
    {
        var path = Write("food-licence", "v1.json", "drug-licence", 1);

        var error = ProcedureValidator.ValidateFile(path).Single();

        Assert.That((error.Code, error.Path, error.File), Is.EqualTo(("file-mismatch", "$.definitionId", path)));
        Assert.That(error.Message, Is.EqualTo("definitionId 'drug-licence' does not match its folder 'food-licence'"));
    }

    [Test]
    public void ValidateFile_ReportsAFileNameThatIsNotTheVersion()
    {
        var path = Write("food-licence", "v2.json", "food-licence", 1);

        var error = ProcedureValidator.ValidateFile(path).Single();

        Assert.That((error.Code, error.Path), Is.EqualTo(("file-mismatch", "$.version")));
        Assert.That(error.Message, Is.EqualTo("version 1 does not match the file name v2.json"));
    }

    [Test]
    public void ValidateFile_ReportsBothMismatchesAtOnce()
    {
        var path = Write("other", "v2.json", "food-licence", 1);

        var errors = ProcedureValidator.ValidateFile(path);

        Assert.That(errors.Select(e => (e.Code, e.Path)), Is.EqualTo(new[] { ("file-mismatch", "$.definitionId"), ("file-mismatch", "$.version") }));
    }

    [Test]
    public void ValidateFile_ReportsTheContentsErrors_WithTheFilePath()
    {
        var dir = Path.Combine(_folder, "broken");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "v1.json");
        File.WriteAllText(path, "{\"definitionId\": ");

        var error = ProcedureValidator.ValidateFile(path).Single();

        Assert.That((error.Code, error.File), Is.EqualTo(("malformed-json", path)));
    }

    [TestCaseSource(typeof(WorkflowFiles), nameof(WorkflowFiles.Procedures))]
    public void CheckedInProcedure_IsValid(string file)
    {
        var errors = ProcedureValidator.ValidateFile(file);

        Assert.That(errors, Is.Empty, string.Join("\n", errors));
    }
}
