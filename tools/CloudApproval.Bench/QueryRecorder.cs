using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CloudApproval.Bench;

/// <summary>
/// Keeps the SQL (with its parameter values) that EF sends while <see cref="Recording"/> is on, so the bench can ask
/// SQLite for the plan of exactly the queries the product's use cases run. Registered only by the bench.
/// </summary>
internal sealed class QueryRecorder : DbCommandInterceptor
{
    private readonly List<RecordedCommand> _commands = [];

    public bool Recording { get; set; }

    public IReadOnlyList<RecordedCommand> Take()
    {
        lock (_commands)
        {
            var taken = _commands.ToList();
            _commands.Clear();
            return taken;
        }
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Keep(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Keep(command);
        return ValueTask.FromResult(result);
    }

    private void Keep(DbCommand command)
    {
        if (!Recording) return;
        var parameters = command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList();
        lock (_commands) _commands.Add(new RecordedCommand(command.CommandText, parameters));
    }
}

internal sealed record RecordedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);
