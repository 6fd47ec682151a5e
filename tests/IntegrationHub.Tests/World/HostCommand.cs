using System.Diagnostics;

namespace IntegrationHub.Tests.World;

/// <summary>A built host (IntegrationHub.Web or IntegrationHub.Worker) run to its end as an operator runs it, in Production.</summary>
internal static class HostCommand
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string host, IDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, host + ".dll"));
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        info.Environment.Remove("DOTNET_ENVIRONMENT");
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(WorkerProcess.Generous);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Asserts what every refusal looks like: exit code 2, one plain line on stderr, no stack trace.</summary>
    public static void AssertOnePlainLine((int ExitCode, string Output, string Error) run, string starts)
    {
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, run.Error);
        Assert.StartsWith(starts, lines[0]);
        Assert.DoesNotContain("   at ", run.Output + run.Error);
        Assert.DoesNotContain("Exception", run.Output + run.Error);
    }
}
