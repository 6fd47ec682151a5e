using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide (a static), while our hosts are not: tests run and dispose several in one
/// process. Hangfire's lines go to the logging of the host configured last; once that host is disposed they are
/// dropped instead of throwing ObjectDisposedException into whatever Hangfire was doing for another host.
/// </summary>
internal sealed class HangfireLogs(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return new Guarded(_inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new Guarded(null);
        }
    }

    private sealed class Guarded(ILog? inner) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return inner?.Log(logLevel, messageFunc, exception) ?? false;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
