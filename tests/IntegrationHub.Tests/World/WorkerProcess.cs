using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using IntegrationHub.Secrets;

namespace IntegrationHub.Tests.World;

/// <summary>The built IntegrationHub.Worker executable, run as an operator runs it, with its output collected.</summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process) => _process = process;

    public Uri Url { get; private init; } = new("http://127.0.0.1");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    public static WorkerProcess Start(string connectionString, IDictionary<string, string>? settings = null, bool migrateOnly = false)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        string dll = Path.Combine(AppContext.BaseDirectory, "IntegrationHub.Worker.dll");
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", url.ToString().TrimEnd('/'), .. migrateOnly ? new[] { "--migrate-only" } : []])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ConnectionStrings__Hub"] = connectionString;
        info.Environment["Hub__Worker__NodeId"] = $"proc-{Guid.NewGuid():N}"[..16];
        // Outside Development a host needs a key-ring protector, as an operator gives it; a setting of "" takes it away.
        info.Environment["Hub__KeyRing__Key"] = KeyEncryptionKey.NewBase64();
        info.Environment["Hub__Hooks__PaceCreations"] = "false"; // as HubWorld's in-process nodes: the simulator enforces no creation limit
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var worker = new WorkerProcess(Process.Start(info)!) { Url = url };
        worker._process.OutputDataReceived += (_, e) => worker.Collect(e.Data);
        worker._process.ErrorDataReceived += (_, e) => worker.Collect(e.Data);
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits for the process to end on its own; fails the test if it runs on.</summary>
    public async Task WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Generous);
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // drains the asynchronous output readers
    }

    /// <summary>True once the worker logged its ready line; false if it exited or stayed silent.</summary>
    public async Task<bool> WaitForReadyAsync() =>
        await Task.WhenAny(_ready.Task, _process.WaitForExitAsync(), Task.Delay(Generous)) == _ready.Task;

    /// <summary>Polls GET /healthz until it answers <paramref name="expected"/> (or time runs out); returns the last answer.</summary>
    public async Task<(HttpStatusCode Status, string Body)> HealthAsync(HttpStatusCode expected)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
        (HttpStatusCode Status, string Body) last = (default, "");
        for (var until = DateTime.UtcNow + Generous; DateTime.UtcNow < until; await Task.Delay(250))
        {
            try
            {
                var response = await http.GetAsync("/healthz");
                last = (response.StatusCode, await response.Content.ReadAsStringAsync());
            }
            catch (HttpRequestException e)
            {
                last = (default, e.Message); // the ready line can come just before Kestrel listens
            }

            if (last.Status == expected)
            {
                break;
            }
        }

        return last;
    }

    /// <summary>
    /// Ends the process as <c>kill -9</c> does (SIGKILL on Linux): no shutdown, no finally blocks, its claims and
    /// Hangfire jobs left as they were.
    /// </summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("Worker ready: node", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    /// <summary>A port nothing listens on: bind to any free one, then let it go.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
