using System.Globalization;
using Npgsql;

namespace IntegrationHub.Benchmarks;

/// <summary>What the benchmark commands share: their options, the fixtures folder, and one-statement SQL.</summary>
internal static class BenchKit
{
    public static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out int value) ? value : fallback;
    }

    /// <summary>../shared/fixtures beside the repository, found from the build output (any artifacts folder) or the working directory.</summary>
    public static string FixturesDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var root in new[] { dir.FullName, Path.Combine(dir.FullName, "main") })
            {
                string candidate = Path.GetFullPath(Path.Combine(root, "..", "shared", "fixtures"));
                if (File.Exists(Path.Combine(root, "IntegrationHub.sln")) && Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        string fromCwd = Path.GetFullPath(Path.Combine(Directory.GetCurrentDirectory(), "..", "shared", "fixtures"));
        return Directory.Exists(fromCwd) ? fromCwd : throw new DirectoryNotFoundException("run from the repository root: ../shared/fixtures not found");
    }

    public static async Task ExecAsync(NpgsqlDataSource db, string sql, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<long> CountAsync(string cs, string sql)
    {
        await using var db = NpgsqlDataSource.Create(cs);
        await using var cmd = db.CreateCommand(sql);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
