using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Jobs;

/// <summary>
/// Resolves a job's contract from a DI scope of its own, as Hangfire's ASP.NET Core activator does, and hands Hangfire a
/// <see cref="SanitizingProxy"/> around it: Hangfire records the exception a job throws in the job's state history (and
/// keeps the original there even when a filter elects another state), so the message must be made safe before Hangfire
/// ever sees it.
/// </summary>
internal sealed class SanitizingJobActivator(IServiceScopeFactory scopes) : JobActivator
{
    public override JobActivatorScope BeginScope(JobActivatorContext context) => new JobScope(scopes.CreateScope());

    private sealed class JobScope(IServiceScope scope) : JobActivatorScope
    {
        public override object Resolve(Type type)
        {
            object job = scope.ServiceProvider.GetRequiredService(type);
            return type.IsInterface ? SanitizingProxy.Wrap(type, job) : job;
        }

        public override void DisposeScope() => scope.Dispose();
    }
}
