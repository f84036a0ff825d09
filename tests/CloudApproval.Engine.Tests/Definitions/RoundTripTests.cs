using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Schema;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Definitions;

/// <summary>
/// Files under workflows/ are in canonical form, so export after import changes nothing and diffs stay reviewable; the
/// checked-in JSON schema is what the activity registry generates.
/// </summary>
public sealed class RoundTripTests
{
    [TestCaseSource(typeof(WorkflowFiles), nameof(WorkflowFiles.Procedures))]
    public void ProcedureFile_IsInCanonicalForm(string file)
    {
        var text = File.ReadAllText(file);

        var formatted = DefinitionWriter.Format(text, file);

        Assert.That(formatted, Is.EqualTo(text), $"{Repo.Relative(file)} is not canonical; run `cloudapproval format` on it");
    }

    [TestCaseSource(typeof(WorkflowFiles), nameof(WorkflowFiles.Procedures))]
    public void ProcedureFile_RoundTripsThroughTheModel(string file)
    {
        var text = File.ReadAllText(file);

        var again = DefinitionWriter.Write(DefinitionReader.Read(DefinitionWriter.Write(DefinitionReader.Read(text, file)), file));

        Assert.That(again, Is.EqualTo(text));
    }

    [Test]
    public void AtLeastOneProcedureIsCheckedIn()
    {
        Assert.That(Repo.ProcedureFiles().Select(Repo.Relative), Does.Contain("workflows/deficiency-pending/v1.json"));
    }

    [Test]
    public void CheckedInSchema_IsWhatTheRegistryGenerates()
    {
        var file = Path.Combine(Repo.Workflows, "schema", "procedure.schema.json");

        Assert.That(File.ReadAllText(file), Is.EqualTo(SchemaGenerator.Generate()),
            "workflows/schema/procedure.schema.json has drifted from the activity registry; regenerate it with `cloudapproval schema`");
    }

    [Test]
    public void Schema_ListsEveryActivityType()
    {
        var schema = SchemaGenerator.Generate();

        foreach (var descriptor in Activities.ActivityRegistry.Descriptors)
            Assert.That(schema, Does.Contain($"\"inputs.{descriptor.Type}\""), descriptor.Type);
    }

    [Test]
    public void Format_WritesTheCanonicalForm()
    {
        // Keys out of order, inputs out of declared order, optional parts missing, Chinese escaped.
        const string messy = """
            {"connections":[{"target":"end","outcome":"done","source":"start"}],"name":"\u98df\u54c1","version":2,"definitionId":"food",
             "activities":[{"type":"Start","id":"start"},
                           {"inputs":{"outcome":"approved"},"id":"end","type":"End","position":{"y":5,"x":1.5}}]}
            """;

        var text = DefinitionWriter.Format(messy, "messy.json");

        Assert.That(text, Is.EqualTo("""
            {
              "definitionId": "food",
              "version": 2,
              "name": "食品",
              "description": "",
              "variables": [],
              "activities": [
                {
                  "id": "start",
                  "type": "Start",
                  "displayName": "start",
                  "inputs": {},
                  "position": {
                    "x": 0,
                    "y": 0
                  }
                },
                {
                  "id": "end",
                  "type": "End",
                  "displayName": "end",
                  "inputs": {
                    "outcome": "approved"
                  },
                  "position": {
                    "x": 1.5,
                    "y": 5
                  }
                }
              ],
              "connections": [
                {
                  "source": "start",
                  "outcome": "done",
                  "target": "end"
                }
              ],
              "metadata": {
                "author": "",
                "changelog": []
              }
            }

            """.Replace("\r\n", "\n", StringComparison.Ordinal)));
    }

    [Test]
    public void Format_OrdersInputsAsTheActivityTypeDeclaresThem_ThenUnknownOnesByName()
    {
        var text = Def.Text(Acts.List(Acts.Start,
                Acts.Of("check", "UserTask", """{"zeta":1,"outcomes":["ok"],"alpha":2,"department":"d","title":"T","role":"r"}"""), Acts.End()),
            ["start:done -> check", "check:ok -> end"]);

        var formatted = DefinitionWriter.Format(text, "t.json");

        var order = new[] { "\"title\"", "\"role\"", "\"department\"", "\"outcomes\"", "\"alpha\"", "\"zeta\"" }.Select(k => formatted.IndexOf(k, StringComparison.Ordinal)).ToList();
        Assert.That(order, Is.All.GreaterThan(0));
        Assert.That(order, Is.Ordered);
    }

    [Test]
    public void Format_RefusesWhatCannotBeRead()
    {
        var ex = Assert.Throws<InvalidDefinitionException>(() => DefinitionWriter.Format("""{"definitionId":"x"}""", "x.json"));

        Assert.That(ex!.Errors.Select(e => e.Path), Is.EqualTo(new[] { "$.version", "$.name", "$.activities", "$.connections" }));
    }
}
