using System.Diagnostics;

namespace IntegrationHub.Benchmarks.Ingest;

/// <summary>
/// CPU time spent per phase by the hub (this process), PostgreSQL (the postmaster and its children) and the load process,
/// read from /proc at the phase's start and end. Divided by the deliveries of the phase it says where each one's cost goes,
/// and it holds when other work shares the machine (which moves throughput, not the CPU a delivery takes).
/// </summary>
internal sealed class CpuMeter(int postmasterPid, Process load)
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on Linux

    private readonly Dictionary<string, (double Hub, double Postgres, double Load)> _started = [];

    public Dictionary<string, (double Hub, double Postgres, double Load)> Spent { get; } = [];

    public void Start(string phase) => _started[phase] = Now();

    public void Stop(string phase)
    {
        var (hub, pg, client) = Now();
        var started = _started[phase];
        var before = Spent.GetValueOrDefault(phase); // a phase of several rounds adds up
        Spent[phase] = (before.Hub + hub - started.Hub, before.Postgres + pg - started.Postgres, before.Load + client - started.Load);
    }

    private (double Hub, double Postgres, double Load) Now()
    {
        double postgres = Seconds(postmasterPid);
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out int pid) && Stat(pid) is { } stat && stat.ParentPid == postmasterPid)
            {
                postgres += stat.Seconds;
            }
        }

        load.Refresh();
        return (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, postgres, load.TotalProcessorTime.TotalSeconds);
    }

    private static double Seconds(int pid) => Stat(pid)?.Seconds ?? 0;

    private static (int ParentPid, double Seconds)? Stat(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after "(comm)": state, ppid, ..., utime is the 14th field of the line and stime the 15th.
            string[] rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(rest[1]), (long.Parse(rest[11]) + long.Parse(rest[12])) / TicksPerSecond);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // a backend that ended meanwhile
        }
    }
}
