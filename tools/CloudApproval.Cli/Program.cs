using System.CommandLine;
using CloudApproval.Cli.Commands;

var root = new RootCommand("CloudApproval: online government approval. Validate, simulate and run approval procedures.");
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(SchemaCommand.Create());
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(CalendarCommand.Create());
root.Subcommands.Add(FormatCommand.Create());
root.Subcommands.Add(WorkflowsCommand.Create());
root.Subcommands.Add(CasesCommand.Create());
root.Subcommands.Add(TasksCommand.Create());
root.Subcommands.Add(EventsCommand.Create());
root.Subcommands.Add(AuditCommand.Create());
root.Subcommands.Add(ArchiveCommand.Create());
root.Subcommands.Add(TimersCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(StressCommand.Create());
return CliError.Invoke(root, args);
