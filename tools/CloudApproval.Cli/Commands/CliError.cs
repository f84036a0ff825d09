namespace CloudApproval.Cli.Commands;

/// <summary>Bad input to a command: printed as one clear line, exit code 2, nothing changed.</summary>
internal sealed class CliError(string message) : Exception(message)
{
    public const int ExitCode = 2;

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
