using System.Text.RegularExpressions;

namespace IntegrationHub.Tests.Deploy;

/// <summary>One of deploy/docker/*.Dockerfile, read as instructions (continuation lines joined, comments dropped).</summary>
internal sealed partial class Dockerfile(string name, IReadOnlyList<string> instructions)
{
    public const string Folder = "deploy/docker";

    public string Name => name;

    public IReadOnlyList<string> Instructions => instructions;

    public static Dockerfile Load(string name)
    {
        var joined = new List<string>();
        string pending = "";
        foreach (string raw in File.ReadAllLines(DeployFiles.Path(Folder, name)))
        {
            string line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            joined.Add(pending + line);
            pending = "";
        }

        return new Dockerfile(name, joined);
    }

    public static IEnumerable<string> All() =>
        Directory.GetFiles(DeployFiles.Path(Folder), "*.Dockerfile").Select(System.IO.Path.GetFileName).Order()!;

    /// <summary>Instructions of one kind (FROM, COPY, ENV ...), without the keyword.</summary>
    public IEnumerable<string> Of(string keyword) => instructions
        .Where(i => i.StartsWith(keyword + " ", StringComparison.OrdinalIgnoreCase))
        .Select(i => i[(keyword.Length + 1)..].Trim());

    /// <summary>The instructions after the last FROM: what the image runs.</summary>
    public Dockerfile RuntimeStage()
    {
        int last = instructions.ToList().FindLastIndex(i => i.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase));
        return new Dockerfile(name, [.. instructions.Skip(last)]);
    }

    /// <summary>The project the build stage publishes (dotnet publish PATH.csproj).</summary>
    public string PublishedProject()
    {
        var match = Of("RUN").Select(r => Publish().Match(r)).Single(m => m.Success);
        return match.Groups[1].Value;
    }

    /// <summary>The listening port of ENV ASPNETCORE_URLS=http://+:PORT.</summary>
    public int? UrlsPort()
    {
        var match = Of("ENV").Select(e => UrlsSetting().Match(e)).FirstOrDefault(m => m.Success);
        return match is null ? null : int.Parse(match.Groups[1].Value);
    }

    [GeneratedRegex(@"dotnet publish (\S+\.csproj)")]
    private static partial Regex Publish();

    [GeneratedRegex(@"ASPNETCORE_URLS=http://\+:(\d+)(\s|$)")]
    private static partial Regex UrlsSetting();
}
