using System.Text.Json;
using CloudApproval.Cases.Persistence;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CloudApproval.Web.Hosting;

/// <summary>The database answers a query.</summary>
internal sealed class DatabaseHealthCheck(CasesDbFactory factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy($"{factory.Options.Provider} answers")
            : HealthCheckResult.Unhealthy($"{factory.Options.Provider} does not answer");
    }
}

/// <summary>A Hangfire server of the cluster has reported in recently: timers will fire.</summary>
internal sealed class TimerServerHealthCheck(JobStorage storage, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Silence = TimeSpan.FromMinutes(1);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var live = storage.GetMonitoringApi().Servers().Count(s => s.Heartbeat is { } beat && now - beat < Silence);
        return Task.FromResult(live > 0
            ? HealthCheckResult.Healthy($"{live} timer server(s) alive")
            : HealthCheckResult.Unhealthy("no timer server has reported in the last minute: timers will not fire"));
    }
}

internal static class HealthReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Each check with its state and description, so an operator sees what is wrong, not only that something is.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, Json);

    public static HealthCheckOptions Options { get; } = new() { ResponseWriter = WriteAsync };
}
