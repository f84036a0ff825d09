using System.CommandLine;
using System.Text.Json.Nodes;
using CloudApproval.Cases;
using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CloudApproval.Cli.Commands;

/// <summary>Options every durable command shares, and the container they run in.</summary>
internal static class CasesCli
{
    public static readonly Option<string> Db = new("--db")
    {
        Description = "SQLite database file",
        DefaultValueFactory = _ => Path.Combine("data", "cloudapproval.db"),
        Recursive = true,
    };

    public static readonly Option<string?> Workflows = new("--workflows")
    {
        Description = "The workflows folder (default: found from the current directory)",
        Recursive = true,
    };

    public static readonly Option<string?> AuditKey = new("--audit-key")
    {
        Description = "SM2 key file that signs audit checkpoints, outside the database (default: ~/.config/cloudapproval/audit-sm2.key; created on first checkpoint)",
        Recursive = true,
    };

    public static readonly Option<string?> SealKeys = new("--seal-keys")
    {
        Description = "Folder of the departments' e-seal keys, one PEM per department, that seal issued documents (default: ~/.config/cloudapproval/seals; a missing key is created)",
        Recursive = true,
    };

    public static readonly Option<string?> Checkpoints = new("--checkpoints")
    {
        Description = "Append-only file of signed audit checkpoints (default: beside the database, <name>-checkpoints.jsonl)",
        Recursive = true,
    };

    public static readonly Option<string?> CheckpointCron = new("--checkpoint-cron")
    {
        Description = "How often the timer server makes a signed audit checkpoint, as a cron expression (default hourly: \"0 * * * *\")",
    };

    /// <summary>Who runs the command line when nobody is named: the login name.</summary>
    public static string OperatorName => Environment.UserName is { Length: > 0 } u ? u : "cli";

    /// <summary>The operator running a command that reads or checks without acting on a case.</summary>
    public static Actor Operator => Actor.Operator(OperatorName);

    public static Option<string> As(string description = "Who does it (recorded in the audit trail)") => new("--as")
    {
        Description = description,
        DefaultValueFactory = _ => OperatorName,
    };

    /// <summary>
    /// Opens the database. Commands that only read or change existing cases refuse a missing database instead of
    /// creating an empty one: bad input changes nothing, not even the file system.
    /// </summary>
    public static async Task<ServiceProvider> OpenAsync(ParseResult parse, bool create, CancellationToken ct)
    {
        var services = new ServiceCollection().AddCloudApprovalCases(Settings(parse, create)).BuildServiceProvider();
        try
        {
            await services.InitializeCasesAsync(ct);
            return services;
        }
        catch (CasesException ex) when (ex.Code == "no-database")
        {
            await services.DisposeAsync();
            throw NoDatabase(ex, parse);
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Opens the database in a started host that fires timers, for the commands that need them; see
    /// <see cref="TimerHost"/>. Refuses a missing database as <see cref="OpenAsync"/> does.
    /// </summary>
    public static async Task<IHost> StartTimersAsync(ParseResult parse, bool create, CancellationToken ct)
    {
        try
        {
            return await TimerHost.StartAsync(Settings(parse, create), ct);
        }
        catch (CasesException ex) when (ex.Code == "no-database")
        {
            throw NoDatabase(ex, parse);
        }
    }

    private static CasesSettings Settings(ParseResult parse, bool create) => new()
    {
        Database = new DatabaseOptions { SqlitePath = parse.GetValue(Db)!, MustExist = !create },
        WorkflowsFolder = WorkflowsFolder.Locate(parse.GetValue(Workflows)),
        AuditKeyPath = parse.GetValue(AuditKey),
        SealKeysFolder = parse.GetValue(SealKeys),
        CheckpointLogPath = parse.GetValue(Checkpoints),
        CheckpointCron = parse.GetValue(CheckpointCron),
    };

    private static CliError NoDatabase(CasesException ex, ParseResult parse) =>
        new($"{ex.Message}; create one with: workflows import workflows --db {parse.GetValue(Db)}");

    /// <summary>Exit code of a command whose change was committed but left a case faulted: not a success, not bad input.</summary>
    public const int FaultedExitCode = 3;

    /// <summary>
    /// Says what a transition did to the case: nothing more when it went on, one line per faulted case (which activity,
    /// why) on standard error and <see cref="FaultedExitCode"/> when it faulted.
    /// </summary>
    public static int Report(CaseOutcome outcome)
    {
        foreach (var fault in outcome.Faults) Console.Error.WriteLine($"error: {fault}");
        return outcome.Faulted ? FaultedExitCode : 0;
    }

    /// <summary>Runs an async command body; expected failures become one line on stderr and exit code 2.</summary>
    public static void SetAsyncAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                return await body(parse, ct);
            }
            catch (CasesException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message} [{ex.Code}]");
                return CliError.ExitCode;
            }
            catch (Exception ex) when (ex is CliError or IOException or UnauthorizedAccessException
                or Engine.Definitions.InvalidDefinitionException or Engine.Calendar.CalendarFileException)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return CliError.ExitCode;
            }
        });

    /// <summary>Parses a JSON object given on the command line, strictly (see <see cref="StrictJson"/>); the error names the option and the path.</summary>
    public static JsonObject? Json(string? text, string option)
    {
        if (text is null) return null;
        try
        {
            return StrictJson.ParseNode(text) as JsonObject ?? throw new CliError($"{option}: expected a JSON object such as {{\"key\": \"value\"}}");
        }
        catch (StrictJsonException ex)
        {
            throw new CliError($"{option}: {ex.Describe()}");
        }
    }
}
