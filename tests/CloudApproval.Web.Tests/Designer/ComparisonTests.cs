using System.Text.Json;
using CloudApproval.Engine.Definitions;
using CloudApproval.Web.Components.Designer;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Designer;

/// <summary>Comparing two versions: which activities and connections changed, and the canonical JSON's line diff.</summary>
public sealed class ComparisonTests
{
    private static ProcedureDefinition Seed() =>
        DefinitionReader.Read(File.ReadAllText(Path.Combine(Repo.Workflows, "commitment", "v1.json")), "commitment v1");

    [Test]
    public void AddedRemovedAndChangedActivities_AndConnections_AreNamed()
    {
        var before = Seed();
        var document = new DesignerDocument(before);
        var first = before.Activities[1].Id;
        document.Move(first, new Position(before.Activities[1].Position.X + 40, before.Activities[1].Position.Y));
        var added = document.Add("Milestone", new Position(0, 900));
        var removed = before.Activities[^1].Id;
        document.Remove([removed]);

        var comparison = ProcedureComparison.Of(before, document.Definition);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(comparison.Added, Is.EqualTo(new[] { added }));
            Assert.That(comparison.Removed, Is.EqualTo(new[] { removed }));
            Assert.That(comparison.Changed.Keys, Is.EqualTo(new[] { first }));
            Assert.That(comparison.Changed[first].Single(), Does.StartWith("position"));
            Assert.That(comparison.ConnectionsRemoved, Is.Not.Empty.And.All.Matches<Connection>(c => c!.Source == removed || c.Target == removed));
            Assert.That(comparison.ConnectionsAdded, Is.Empty);
            Assert.That(comparison.Marks(newer: true)[added], Is.EqualTo("added"));
            Assert.That(comparison.Marks(newer: false)[removed], Is.EqualTo("removed"));
        }
    }

    [Test]
    public void AChangedInput_IsNamed()
    {
        var before = Seed();
        var document = new DesignerDocument(before);
        var task = before.Activities.First(a => a.Type == "UserTask");
        document.SetInput(task.Id, "priority", JsonSerializer.SerializeToElement(9));

        Assert.That(ProcedureComparison.Of(before, document.Definition).Changed[task.Id], Is.EqualTo(new[] { "inputs.priority" }));
    }

    [Test]
    public void TheLineDiff_ShowsRemovedThenAddedLines_WithContext_AndFoldsTheRest()
    {
        var before = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"line {i}"));
        var after = before.Replace("line 10", "line ten", StringComparison.Ordinal);

        var diff = LineDiff.Of(before, after, context: 2);

        Assert.That(diff.Select(l => $"{l.Kind}{l.Text}"), Is.EqualTo(new[]
        {
            "…", " line 8", " line 9", "-line 10", "+line ten", " line 11", " line 12", "…",
        }));
        Assert.That(LineDiff.Of(before, before).Single().Kind, Is.EqualTo('…'), "nothing to show: all folded");
    }
}
