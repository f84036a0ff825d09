using System.CommandLine;
using CloudApproval.Cases.Matters;
using CloudApproval.Engine.Schema;

namespace CloudApproval.Cli.Commands;

/// <summary><c>schema [procedure|matter]</c>: prints a generated JSON schema (workflows/schema/&lt;kind&gt;.schema.json).</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var kind = new Argument<string>("kind")
        {
            Description = "procedure (from the activity registry) or matter (from the matter vocabularies)",
            DefaultValueFactory = _ => "procedure",
        };
        kind.AcceptOnlyFromAmong("procedure", "matter");
        var command = new Command("schema", "Print the procedure or matter JSON schema.") { kind };
        command.SetAction(parse =>
        {
            Console.Out.Write(parse.GetValue(kind) == "matter" ? MatterSchema.Generate() : SchemaGenerator.Generate());
            return 0;
        });
        return command;
    }
}
