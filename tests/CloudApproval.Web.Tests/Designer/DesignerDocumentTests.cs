using System.Text.Json;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Validation;
using CloudApproval.Web.Components.Designer;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Designer;

/// <summary>The designer's document: what the canvas and the property panel change, and what is saved.</summary>
public sealed class DesignerDocumentTests
{
    private static IEnumerable<TestCaseData> WorkflowFiles() =>
        Directory.EnumerateFiles(Repo.Workflows, "v*.json", SearchOption.AllDirectories)
            .Where(f => ProcedureValidator.FileName().IsMatch(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetName($"RoundTrip_{Path.GetRelativePath(Repo.Workflows, f).Replace('/', '_')}"));

    [TestCaseSource(nameof(WorkflowFiles))]
    public void OpeningAndSavingAWorkflowFile_WithoutChanges_GivesTheSameBytes(string file)
    {
        var text = File.ReadAllText(file);

        var document = new DesignerDocument(DefinitionReader.Read(text, file));

        Assert.That(document.Json, Is.EqualTo(text));
    }

    [Test]
    public void WorkflowFilesExist_SoTheRoundTripCoversThem() => Assert.That(WorkflowFiles().Count(), Is.GreaterThanOrEqualTo(5));

    [Test]
    public void EditingATasksOutcomes_ChangesItsPorts_AndDropsTheConnectionsOfRemovedOnes()
    {
        var document = Drawn();

        document.SetInput("review", "outcomes", JsonSerializer.SerializeToElement(new[] { "approve", "return" }));

        var review = document.Activity("review")!;
        Assert.That(DesignerDocument.PortsOf(review), Is.EqualTo(new[] { "approve", "return" }));
        Assert.That(document.Definition.Connections.Select(c => $"{c.Source}.{c.Outcome}"), Is.EquivalentTo(new[] { "start.done", "review.approve" }));
    }

    [Test]
    public void ADeadline_AddsTheExpiredPort()
    {
        var document = Drawn();

        document.SetInput("review", "deadline", JsonSerializer.SerializeToElement("5wd"));

        Assert.That(DesignerDocument.PortsOf(document.Activity("review")!), Is.EqualTo(new[] { "approve", "reject", "expired" }));
    }

    [Test]
    public void ConnectingAnOutcomeAgain_ReplacesWhereItLeads_AndUndoRestoresIt()
    {
        var document = Drawn();

        document.Connect("review", "reject", "approved");

        Assert.That(document.Definition.Target("review", "reject"), Is.EqualTo("approved"));
        Assert.That(document.Definition.Connections.Count(c => c.Source == "review" && c.Outcome == "reject"), Is.EqualTo(1));
        document.Undo();
        Assert.That(document.Definition.Target("review", "reject"), Is.EqualTo("rejected"));
        document.Redo();
        Assert.That(document.Definition.Target("review", "reject"), Is.EqualTo("approved"));
    }

    [Test]
    public void RenamingAnActivity_CarriesItsConnections()
    {
        var document = Drawn();

        Assert.That(document.Rename("review", "pre-review"), Is.True);
        Assert.That(document.Rename("start", "Not A Slug"), Is.False);

        Assert.That(document.Definition.Connections.Select(c => $"{c.Source}->{c.Target}"),
            Is.EqualTo(new[] { "start->pre-review", "pre-review->approved", "pre-review->rejected" }));
        Assert.That(ProcedureValidator.Validate(document.Definition, "renamed"), Is.Empty);
    }

    [Test]
    public void RemovingAnActivity_RemovesItsConnections_AndTheValidatorSaysWhatIsLeftOpen()
    {
        var document = Drawn();

        document.Remove(["rejected"]);

        Assert.That(document.Definition.Connections.Any(c => c.Target == "rejected"), Is.False);
        var errors = ProcedureValidator.Validate(document.Definition, "removed");
        Assert.That(errors.Select(e => (e.Code, ProblemLocation.Of(e.Path, document.Definition))),
            Does.Contain(("unconnected-port", new ProblemLocation("review", null))));
    }

    [Test]
    public void AProblemsPath_LeadsToItsActivityAndField()
    {
        var document = Drawn();
        document.SetInput("review", "title", null);

        var error = ProcedureValidator.Validate(document.Definition, "x").Single();

        Assert.That(error.Path, Is.EqualTo("$.activities[1].inputs.title"));
        Assert.That(ProblemLocation.Of(error.Path, document.Definition), Is.EqualTo(new ProblemLocation("review", "title")));
    }

    [Test]
    public void ADefinitionWithoutPositions_IsLaidOutInColumnsFromStart()
    {
        var definition = Drawn().Definition;
        var unplaced = definition with { Activities = definition.Activities.Select(a => a with { Position = new Position(0, 0) }).ToList() };

        var document = new DesignerDocument(unplaced);

        var x = document.Definition.Activities.ToDictionary(a => a.Id, a => a.Position.X);
        Assert.That(x["start"], Is.LessThan(x["review"]));
        Assert.That(x["review"], Is.LessThan(x["approved"]));
        Assert.That(document.Activity("approved")!.Position, Is.Not.EqualTo(document.Activity("rejected")!.Position));
    }

    [Test]
    public void AddedActivities_GetIdsFromTheirType_NumberedWhenTaken()
    {
        var document = Drawn();

        var first = document.Add("UserTask", new Position(10.4, 20.6));
        var second = document.Add("UserTask", new Position(0, 0));

        Assert.That((first, second), Is.EqualTo(("user-task", "user-task-2")));
        Assert.That(document.Activity(first)!.Position, Is.EqualTo(new Position(10, 21)), "whole pixels in the file");
    }

    /// <summary>Start → review (approve, reject) → two Ends: valid.</summary>
    private static DesignerDocument Drawn()
    {
        var document = new DesignerDocument(new ProcedureDefinition { DefinitionId = "drawn", Version = 1, Name = "Drawn" });
        document.Add("Start", new Position(0, 0));
        document.Rename("start", "start");
        var review = document.Add("UserTask", new Position(200, 0));
        document.Rename(review, "review");
        foreach (var (name, value) in new (string, object)[]
                 {
                     ("title", "Review"), ("role", "reviewer"), ("department", "market-supervision"), ("outcomes", new[] { "approve", "reject" }),
                 })
            document.SetInput("review", name, JsonSerializer.SerializeToElement(value));
        document.Rename(document.Add("End", new Position(400, 0)), "approved");
        document.Rename(document.Add("End", new Position(400, 200)), "rejected");
        document.SetInput("approved", "outcome", JsonSerializer.SerializeToElement("approved"));
        document.SetInput("rejected", "outcome", JsonSerializer.SerializeToElement("rejected"));
        document.Connect("start", "done", "review");
        document.Connect("review", "approve", "approved");
        document.Connect("review", "reject", "rejected");
        Assert.That(ProcedureValidator.Validate(document.Definition, "drawn"), Is.Empty);
        return document;
    }
}
