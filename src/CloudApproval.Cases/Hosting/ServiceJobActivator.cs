using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace CloudApproval.Cases.Hosting;

/// <summary>Builds Hangfire jobs from the container, one scope per job (Hangfire.AspNetCore would bring ASP.NET into this layer).</summary>
internal sealed class ServiceJobActivator(IServiceProvider services) : JobActivator
{
    public override object ActivateJob(Type jobType) => ActivatorUtilities.GetServiceOrCreateInstance(services, jobType);

    public override JobActivatorScope BeginScope(JobActivatorContext context) => new Scope(services.CreateScope());

    private sealed class Scope(IServiceScope scope) : JobActivatorScope
    {
        public override object Resolve(Type type) => ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);

        public override void DisposeScope() => scope.Dispose();
    }
}
