using System.CommandLine;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Json;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Simulation;

namespace CloudApproval.Cli.Commands;

/// <summary><c>simulate &lt;definition&gt; [--script &lt;scenario&gt;]</c>: a readable timeline on a simulated clock.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("definition") { Description = "Definition file, e.g. workflows/deficiency-pending/v1.json" };
        var script = new Option<string[]>("--script") { Description = "Scenario file(s); default: every file in the definition's scenarios/ folder", AllowMultipleArgumentsPerToken = true };
        var workflows = new Option<string?>("--workflows") { Description = "The workflows folder (default: found from the current directory)" };
        var command = new Command("simulate", "Drive a procedure with scripted outcomes, events and elapsed working days; print its timeline.") { file, script, workflows };
        command.SetAction(parse => CliError.Guard(() => Run(parse.GetValue(file)!, parse.GetValue(script) ?? [], parse.GetValue(workflows))));
        return command;
    }

    private static int Run(string file, string[] scripts, string? workflowsOption)
    {
        var workflows = WorkflowsFolder.Locate(workflowsOption);
        var definition = DefinitionReader.Read(JsonFiles.ReadText(file), file);
        if (scripts.Length == 0)
        {
            var folder = Path.Combine(Path.GetDirectoryName(file)!, "scenarios");
            var listing = Directory.Exists(folder) ? JsonFiles.List(folder, "*.json", depth: 0) : new FolderListing([], []);
            foreach (var skipped in listing.Skipped) Console.Error.WriteLine($"skipped {skipped}");
            scripts = [.. listing.Files];
            if (scripts.Length == 0) throw new CliError($"no --script given and no scenarios in {folder}");
        }
        var simulator = new Simulator(new ProcedureRunner(WorkflowsFolder.Calendar(workflows)), (id, version) => WorkflowsFolder.Load(workflows, id, version));
        var failed = 0;
        foreach (var path in scripts)
        {
            var (scenario, result) = simulator.RunScript(definition, file, JsonFiles.ReadText(path), path);
            Console.WriteLine($"== {definition.DefinitionId} v{definition.Version}: {scenario.Name} ({path})");
            foreach (var entry in result.Timeline) Console.WriteLine(entry);
            var state = result.FinalState;
            Console.WriteLine(result.Passed
                ? $"PASS  {state.Status.ToString().ToLowerInvariant()}" + (state.Outcome is null ? "" : $": {state.Outcome}")
                : $"FAIL  {string.Join("; ", result.Failures)}");
            Console.WriteLine();
            if (!result.Passed) failed++;
        }
        return failed == 0 ? 0 : 1;
    }
}
