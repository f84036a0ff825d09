using System.CommandLine;
using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Json;
using CloudApproval.Engine.Schema;
using CloudApproval.Engine.Simulation;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Cli.Commands;

/// <summary><c>validate &lt;files or folders&gt;</c>: every problem in every file, exit 1 when any.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Definition files or folders (e.g. workflows)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check procedure definitions, calendars, scenarios and the schema; list every error.") { paths };
        command.SetAction(parse => CliError.Guard(() => Run(parse.GetValue(paths)!)));
        return command;
    }

    private static int Run(string[] paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var listing = JsonFiles.List(path, "*.json", depth: int.MaxValue);
                files.AddRange(listing.Files);
                foreach (var skipped in listing.Skipped) Console.Error.WriteLine($"skipped {skipped}");
            }
            else if (File.Exists(path)) files.Add(path);
            else throw new CliError($"{path}: no such file or folder");
        }
        var errors = files.SelectMany(Check).ToList();
        foreach (var error in errors) Console.Error.WriteLine(error);
        Console.WriteLine(errors.Count == 0
            ? $"{files.Count} file(s) valid"
            : $"{errors.Count} error(s) in {errors.Select(e => e.Split(": ")[0]).Distinct().Count()} of {files.Count} file(s)");
        return errors.Count == 0 ? 0 : 1;
    }

    private static IEnumerable<string> Check(string file)
    {
        var parts = Path.GetFullPath(file).Split(Path.DirectorySeparatorChar);
        var folder = parts.Length > 1 ? parts[^2] : "";
        string text;
        try
        {
            text = JsonFiles.ReadText(file);
        }
        catch (UnreadableFileException ex)
        {
            return [$"{file}: $: {ex.Reason} [unreadable-file]"];
        }
        switch (folder)
        {
            case "calendars":
                try
                {
                    CalendarFiles.Parse(text, file);
                    return [];
                }
                catch (CalendarFileException ex)
                {
                    return [ex.Message];
                }
            case "scenarios":
                try
                {
                    Scenario.Parse(text, file);
                    return [];
                }
                catch (ScenarioException ex)
                {
                    return [ex.Message];
                }
            case "schema":
                return text == SchemaGenerator.Generate()
                    ? []
                    : [$"{file}: $: the schema differs from the activity registry [schema-drift]; regenerate it with: cloudapproval schema > {file}"];
            default:
                var errors = ProcedureValidator.ValidateFile(file).Select(e => e.ToString()).ToList();
                if (errors.Count == 0 && DefinitionWriter.Format(text, file) != text)
                    errors.Add($"{file}: $: not in canonical form [not-canonical]; rewrite it with: cloudapproval format {file}");
                return errors;
        }
    }
}
