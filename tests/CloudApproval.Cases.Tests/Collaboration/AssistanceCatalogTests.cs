using CloudApproval.Cases.Collaboration;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Collaboration;

/// <summary>The assistance catalogue's files: the repository's items read whole; a broken item names every problem by JSON path.</summary>
public sealed class AssistanceCatalogTests
{
    [Test]
    public void The_repository_items_read_with_their_data_ports()
    {
        var (items, errors) = AssistanceCatalog.ReadFolder(Path.Combine(Repo.Workflows, AssistanceCatalog.Folder));

        Assert.That(errors, Is.Empty);
        Assert.That(items.Select(i => (i.Code, i.AssistingDepartment, i.DataPort?.LicenceType)), Is.EqualTo(new (string, string, string?)[]
        {
            ("food-business-licence-held", "market-supervision", "food-business-licence"),
            ("labour-dispatch-licence-held", "human-resources", "labour-dispatch-licence"),
            ("planning-conditions", "planning-resources", null),
            ("protected-trees-on-site", "greening-city-appearance", null),
        }));
        Assert.That(items.All(i => i.LegalBasis.Count > 0 && i.TimeLimitWorkingDays > 0), Is.True);
    }

    [Test]
    public void A_broken_item_lists_every_problem_with_its_path()
    {
        const string text = """
            { "code": "other", "name": { "zh": "核查" }, "content": "", "assistingDepartment": "planning-resources",
              "timeLimitWorkingDays": 0, "legalBasis": [{ "title": "城乡规划法" }], "dataPort": { "kind": "guess", "licenceType": "x" }, "extra": 1 }
            """;

        var (item, errors) = AssistanceCatalog.Read(text, "workflows/assistance/site-check.json");

        Assert.That(item, Is.Null);
        Assert.That(errors.Select(e => (e.Path, e.Code)), Is.EquivalentTo(new[]
        {
            ("$.extra", "unknown-field"), ("$.code", "code-not-file-name"), ("$.name.en", "missing-field"), ("$.content", "wrong-type"),
            ("$.timeLimitWorkingDays", "out-of-range"), ("$.legalBasis[0].article", "missing-field"), ("$.dataPort.kind", "unknown-choice"),
        }));
    }
}
