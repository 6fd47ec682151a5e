using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Data;

/// <summary>One versioned SQL file from migrations/. The checksum ignores line-ending style so a checkout with CRLF still matches.</summary>
public sealed record MigrationFile(int Version, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes(Sql.Replace("\r\n", "\n"))));

    public static MigrationFile Parse(string fileName, string sql)
    {
        int underscore = fileName.IndexOf('_');
        if (underscore <= 0 || !int.TryParse(fileName[..underscore], out int version))
        {
            throw new InvalidOperationException($"Migration file '{fileName}' must be named NNNN_description.sql.");
        }

        return new MigrationFile(version, Path.GetFileNameWithoutExtension(fileName), sql);
    }

    /// <summary>The migrations compiled into this build (from the repository's migrations/ folder).</summary>
    public static IReadOnlyList<MigrationFile> Embedded()
    {
        var assembly = typeof(MigrationFile).Assembly;
        var files = new List<MigrationFile>();
        foreach (string resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("migrations/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            files.Add(Parse(resource["migrations/".Length..], reader.ReadToEnd()));
        }

        return Ordered(files);
    }

    public static IReadOnlyList<MigrationFile> Ordered(IEnumerable<MigrationFile> files)
    {
        var ordered = files.OrderBy(f => f.Version).ToList();
        var duplicate = ordered.GroupBy(f => f.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(f => f.Name))}.");
        }

        return ordered;
    }
}
