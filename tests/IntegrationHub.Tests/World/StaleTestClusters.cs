namespace IntegrationHub.Tests.World;

/// <summary>
/// Removes throwaway clusters that earlier runs left in the temp folder. A run deletes its own at process exit, but a
/// test host that is killed (a cancelled or timed-out run, the runner not waiting for the exit handler) leaves its 5 GB
/// behind, and a day of filtered runs filled this machine's disk. A cluster is stale when its server is not running
/// (no postmaster.pid, or one naming a process that is gone) and nothing has written to it for a while, which also
/// spares a cluster another run is still creating.
/// </summary>
internal static class StaleTestClusters
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(15);

    public static void Remove(string prefix)
    {
        foreach (string dir in Directory.EnumerateDirectories(Path.GetTempPath(), prefix + "*"))
        {
            try
            {
                if (ServerRunning(dir) || DateTime.UtcNow - Directory.GetLastWriteTimeUtc(dir) < Quiet)
                {
                    continue;
                }

                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static bool ServerRunning(string dir)
    {
        string pidFile = Path.Combine(dir, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return false;
        }

        return int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out int pid) && Directory.Exists($"/proc/{pid}");
    }
}
