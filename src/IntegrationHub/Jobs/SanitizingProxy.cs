using System.Reflection;
using System.Runtime.ExceptionServices;
using IntegrationHub.Actions;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Jobs;

/// <summary>
/// Stands for a job contract and rethrows what the job throws as a <see cref="SanitizedJobException"/> (type, provider
/// error kind and status: never a message that may quote a token, a header or a body). A provider's rate limit becomes
/// a postponement; postponements, sanitized failures and cancellations pass unchanged.
/// </summary>
public class SanitizingProxy : DispatchProxy
{
    private object _target = null!;

    internal static object Wrap(Type contract, object target)
    {
        var proxy = (SanitizingProxy)Create(contract, typeof(SanitizingProxy));
        proxy._target = target;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        object? result;
        try
        {
            result = targetMethod!.Invoke(_target, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is { } inner)
        {
            throw Sanitize(inner);
        }

        return result is Task task ? Guard(task) : result;
    }

    private static async Task Guard(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception ex)
        {
            throw Sanitize(ex);
        }
    }

    private static Exception Sanitize(Exception ex)
    {
        switch (ex)
        {
            case JobPostponedException or SanitizedJobException or JobGivenUpException or OperationCanceledException:
                ExceptionDispatchInfo.Capture(ex).Throw();
                return ex;
            case ProviderApiException { Kind: ProviderApiErrorKind.RateLimited } limited:
                var until = limited.RetryAt is { } at && at > DateTimeOffset.UtcNow ? at : DateTimeOffset.UtcNow.AddMinutes(1);
                return new JobPostponedException(until, $"rate limited by {limited.Provider} until {until:u}");
            default:
                return new SanitizedJobException(SanitizedJobException.Describe(ex));
        }
    }
}
