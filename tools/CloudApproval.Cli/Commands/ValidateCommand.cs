using System.CommandLine;
using CloudApproval.Cases.Documents;
using CloudApproval.Cases.Matters;
using CloudApproval.Engine.Json;

namespace CloudApproval.Cli.Commands;

/// <summary><c>validate &lt;files or folders&gt;</c>: every problem in every file, exit 1 when any.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Definition files or folders (e.g. workflows)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check procedure definitions, matters, calendars, scenarios, the schemas and the notice templates; list every error.") { paths };
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
        var errors = MatterFileCheck.CheckAll(files).ToList();
        // Every notice template a procedure of a workflows folder (one with notices/) can send must exist and parse;
        // the definitions are read from the files listed above, which follow no link out of the folder.
        foreach (var folder in paths.Where(p => Directory.Exists(NoticeTemplates.FolderOf(p))))
        {
            var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
            var definitions = files.Where(f => Path.GetFullPath(f).StartsWith(root, StringComparison.Ordinal) && Path.GetFileName(f).StartsWith('v'));
            errors.AddRange(NoticeTemplates.Check(NoticeTemplates.FolderOf(folder), TemplateReferences.OfProduct.Concat(TemplateReferences.InFiles(definitions))));
        }
        foreach (var error in errors) Console.Error.WriteLine(error);
        Console.WriteLine(errors.Count == 0
            ? $"{files.Count} file(s) valid"
            : $"{errors.Count} error(s) in {errors.Select(e => e.Split(": ")[0]).Distinct().Count()} of {files.Count} file(s)");
        return errors.Count == 0 ? 0 : 1;
    }
}
