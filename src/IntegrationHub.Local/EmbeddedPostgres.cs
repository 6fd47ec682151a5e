using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IntegrationHub.Local;

/// <summary>
/// A PostgreSQL server run from the machine's own binaries in a data folder we own: the single-machine default and the
/// test suite both use it. PostgreSQL refuses to run as root, so as root every command runs as the `postgres` user.
/// It listens on 127.0.0.1 only and trusts local connections there; it is for one machine, not for production.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private readonly string _dataDir;
    private readonly string _binDir;
    private bool _stopped;

    private EmbeddedPostgres(string dataDir, string binDir, int port)
    {
        _dataDir = dataDir;
        _binDir = binDir;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=50;Timeout=15";

    /// <summary>Initialises the cluster when the folder is empty, then starts it (or adopts it if already running).</summary>
    public static async Task<EmbeddedPostgres> StartAsync(string dataDir, int port, bool throwaway, CancellationToken ct)
    {
        string binDir = FindBinaries();
        dataDir = Path.GetFullPath(dataDir);
        Directory.CreateDirectory(dataDir);
        if (IsRoot)
        {
            await Run("chown", ["-R", "postgres:postgres", dataDir], asPostgres: false, ct);
        }

        if (!File.Exists(Path.Combine(dataDir, "PG_VERSION")))
        {
            await Run(Path.Combine(binDir, "initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], asPostgres: true, ct);
        }

        // Throwaway clusters trade durability for speed; a real data folder keeps every default.
        string options = $"-p {port} -k {dataDir} -c listen_addresses=127.0.0.1 -c max_connections=300"
            + (throwaway ? " -c fsync=off -c synchronous_commit=off -c full_page_writes=off" : "");
        if (await Run(Path.Combine(binDir, "pg_ctl"), ["-D", dataDir, "status"], asPostgres: true, ct, check: false) == 0)
        {
            // Left running by an earlier run that did not stop cleanly: adopt it on the port it already has.
            port = int.Parse(File.ReadLines(Path.Combine(dataDir, "postmaster.pid")).Skip(3).First());
        }
        else
        {
            await Run(Path.Combine(binDir, "pg_ctl"), ["-D", dataDir, "-l", Path.Combine(dataDir, "server.log"), "-o", options, "-w", "-t", "60", "start"], asPostgres: true, ct);
        }

        return new EmbeddedPostgres(dataDir, binDir, port);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool PortInUse(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await Run(Path.Combine(_binDir, "pg_ctl"), ["-D", _dataDir, "-m", "fast", "-w", "stop"], asPostgres: true, CancellationToken.None, check: false);
    }

    /// <summary>
    /// Stops the server the way a crash does (<c>pg_ctl stop -m immediate</c>: every server process killed at once, no
    /// checkpoint; the next start replays the WAL). For tests that prove nothing acknowledged is lost.
    /// </summary>
    public async Task CrashAsync()
    {
        _stopped = true;
        await Run(Path.Combine(_binDir, "pg_ctl"), ["-D", _dataDir, "-m", "immediate", "-w", "stop"], asPostgres: true, CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static bool IsRoot => Environment.UserName == "root";

    private static string FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out int v) ? v : 0)
            : Enumerable.Empty<string>();
        var found = candidates.Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "initdb")));
        return found ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them with: apt-get install -y postgresql");
    }

    private static async Task<int> Run(string file, string[] args, bool asPostgres, CancellationToken ct, bool check = true)
    {
        var psi = asPostgres && IsRoot
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. args])
            : new ProcessStartInfo(file, args);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.WorkingDirectory = "/";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }

        return process.ExitCode;
    }
}
