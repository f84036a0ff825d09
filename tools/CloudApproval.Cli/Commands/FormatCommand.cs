using System.CommandLine;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Json;

namespace CloudApproval.Cli.Commands;

/// <summary><c>format &lt;files&gt;</c>: rewrites definition files in canonical form (what export and the designer write).</summary>
internal static class FormatCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Definition files", Arity = ArgumentArity.OneOrMore };
        var command = new Command("format", "Rewrite definition files in canonical form (stable key order, indentation).") { files };
        command.SetAction(parse => CliError.Guard(() =>
        {
            foreach (var file in parse.GetValue(files)!)
            {
                var text = JsonFiles.ReadText(file);
                var formatted = DefinitionWriter.Format(text, file);
                if (formatted == text) continue;
                File.WriteAllText(file, formatted);
                Console.WriteLine($"formatted {file}");
            }
            return 0;
        }));
        return command;
    }
}
