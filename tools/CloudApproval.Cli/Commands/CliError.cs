using System.CommandLine;
using System.CommandLine.Parsing;

namespace CloudApproval.Cli.Commands;

/// <summary>Bad input to a command: printed as one clear line, exit code 2, nothing changed.</summary>
internal sealed class CliError(string message) : Exception(message)
{
    public const int ExitCode = 2;

    /// <summary>
    /// Parses and runs the command line. A command line that does not parse (unknown command, a number that is not one,
    /// a value out of range) is bad input like any other: one line and a hint, exit 2, rather than the whole help text.
    /// </summary>
    public static int Invoke(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count == 0) return parse.Invoke();
        var messages = parse.Errors.Select(e => Readable(e.Message)).Distinct();
        Console.Error.WriteLine($"error: {string.Join(" ", messages)} (see: {CommandLine(parse.CommandResult)} --help)");
        return ExitCode;
    }

    /// <summary>The parser names .NET types ("System.Nullable`1[System.Int32]"); people read "a whole number".</summary>
    private static string Readable(string message) => message
        .Replace("expected type 'System.Nullable`1[System.Int32]'", "a whole number", StringComparison.Ordinal)
        .Replace("expected type 'System.Int32'", "a whole number", StringComparison.Ordinal)
        .Replace("expected type 'System.Int64'", "a whole number", StringComparison.Ordinal);

    private static string CommandLine(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? r = command; r is not null; r = r.Parent)
            if (r is CommandResult c) names.Insert(0, c.Command.Name);
        return string.Join(' ', names);
    }

    /// <summary>Runs a command body, turning expected failures into a message and an exit code instead of a stack trace.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (ex is CliError or IOException or UnauthorizedAccessException
            or Engine.Definitions.InvalidDefinitionException or Engine.Calendar.CalendarFileException or Engine.Simulation.ScenarioException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCode;
        }
    }
}
