using System.CommandLine;
using CloudApproval.Engine.Schema;

namespace CloudApproval.Cli.Commands;

/// <summary><c>schema</c>: prints the JSON schema generated from the activity registry.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var command = new Command("schema", "Print the procedure JSON schema generated from the activity registry.");
        command.SetAction(_ =>
        {
            Console.Out.Write(SchemaGenerator.Generate());
            return 0;
        });
        return command;
    }
}
