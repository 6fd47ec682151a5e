using System.Diagnostics;
using IntegrationHub.Local;
using IntegrationHub.ProviderSim;

namespace IntegrationHub.Benchmarks.Poll;

/// <summary>The simulator in a child process, so the benchmark's own CPU and memory are the hub's alone.</summary>
internal sealed class SimulatorProcess(Process process, string url) : IAsyncDisposable
{
    public string Url => url;

    public static async Task<SimulatorProcess> StartAsync(bool secondaryLimits)
    {
        int port = EmbeddedPostgres.FreePort();
        string url = $"http://127.0.0.1:{port}";
        string dll = typeof(SimulatorApp).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in (string[])[dll, "--urls", url, "--Logging:LogLevel:Default=Warning", $"--Simulator:EnforceSecondaryLimits={secondaryLimits}"])
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the simulator");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine("  sim: " + line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = new Uri(url) };
        for (int i = 0; i < 100; i++)
        {
            try
            {
                (await probe.GetAsync("/_sim/state")).EnsureSuccessStatusCode();
                return new SimulatorProcess(process, url);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("the simulator did not answer within 20 s");
    }

    public TimeSpan Cpu
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
