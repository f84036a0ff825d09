using System.CommandLine;
using CloudApproval.Cases;

namespace CloudApproval.Cli.Commands;

/// <summary>
/// Who acts on a command: <c>--as</c> alone is the operator acting under that name (allowed everything, recorded as
/// <c>operator:&lt;name&gt;</c>); with <c>--role</c> it is a user of the product with those roles, departments and duties,
/// checked as the web application checks its users.
/// </summary>
internal sealed class ActorOptions
{
    private readonly Option<string> _as = CasesCli.As();
    private readonly Option<string[]> _roles = new("--role") { Description = $"Act as a user with this role ({string.Join(", ", ActorRoles.OfUsers)}); repeatable. Without it: the operator", AllowMultipleArgumentsPerToken = false };
    private readonly Option<string[]> _departments = new("--department") { Description = "The user's department (with --role); repeatable" };
    private readonly Option<string[]> _duties = new("--duty") { Description = "A task role the user may take, e.g. reviewer (with --role); repeatable" };

    public ActorOptions(Command command)
    {
        command.Options.Add(_as);
        command.Options.Add(_roles);
        command.Options.Add(_departments);
        command.Options.Add(_duties);
        _roles.Validators.Add(result =>
        {
            foreach (var role in result.GetValueOrDefault<string[]>() ?? [])
                if (!ActorRoles.OfUsers.Contains(role)) result.AddError($"--role {role}: not a role; one of {string.Join(", ", ActorRoles.OfUsers)}");
        });
    }

    public Actor Get(ParseResult parse)
    {
        var name = parse.GetValue(_as)!;
        var roles = parse.GetValue(_roles) ?? [];
        return roles.Length == 0
            ? Actor.Operator(name)
            : new Actor(name, name, roles, parse.GetValue(_departments), parse.GetValue(_duties));
    }
}
