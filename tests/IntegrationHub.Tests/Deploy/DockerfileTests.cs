using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace IntegrationHub.Tests.Deploy;

/// <summary>
/// No Docker engine runs here, so the Dockerfiles are checked for what can go wrong without building them: a COPY of
/// something that is not there (or that .dockerignore keeps out), an entry point naming a DLL the project does not
/// build, a port the host does not listen on.
/// </summary>
public sealed partial class DockerfileTests
{
    /// <summary>Each image's host, and where its listening port is written down.</summary>
    public static readonly TheoryData<string, string, string> Images = new()
    {
        { "web.Dockerfile", "README.md", @"IntegrationHub\.Web\.dll --urls http://0\.0\.0\.0:(\d+)" },
        { "worker.Dockerfile", "README.md", @"IntegrationHub\.Worker\.dll --urls http://0\.0\.0\.0:(\d+)" },
        { "simulator.Dockerfile", "src/IntegrationHub.ProviderSim/SimulatorOptions.cs", @"DefaultUrl \{ get; set; \} = ""http://127\.0\.0\.1:(\d+)""" },
        { "mentionbot.Dockerfile", "examples/MentionBot/MentionBotOptions.cs", @"Urls \{ get; set; \} = ""http://127\.0\.0\.1:(\d+)""" },
    };

    public static readonly TheoryData<string> Names = new(Images.Select(row => (string)row[0]));

    [Fact]
    public void Every_Dockerfile_is_checked()
    {
        Assert.Equal(Images.Select(row => (string)row[0]).Order(), Dockerfile.All());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_COPY_source_exists_and_is_in_the_build_context(string name)
    {
        string[] ignored = [.. File.ReadAllLines(DeployFiles.Path(".dockerignore"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("**", StringComparison.Ordinal))];
        var copies = Dockerfile.Load(name).Of("COPY").Where(c => !c.StartsWith("--from", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(copies);
        foreach (string copy in copies)
        {
            string[] args = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (string source in args[..^1])
            {
                string path = DeployFiles.Path(source.TrimEnd('/'));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"{name}: COPY {source}: no such file or folder in the repository");
                Assert.DoesNotContain(ignored, i => source.StartsWith(i.TrimEnd('/'), StringComparison.Ordinal));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Entry_point_runs_the_assembly_the_published_project_builds(string name)
    {
        var file = Dockerfile.Load(name);
        string project = file.PublishedProject();
        var csproj = XDocument.Load(DeployFiles.Path(project));
        string assembly = csproj.Descendants("AssemblyName").FirstOrDefault()?.Value ?? Path.GetFileNameWithoutExtension(project);
        string entryPoint = Assert.Single(file.RuntimeStage().Of("ENTRYPOINT"));
        Assert.Equal($"[\"dotnet\", \"{assembly}.dll\"]", entryPoint);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Exposed_port_is_the_one_the_host_listens_on(string name, string source, string portPattern)
    {
        var runtime = Dockerfile.Load(name).RuntimeStage();
        var documented = new Regex(portPattern).Match(DeployFiles.Read(source));
        Assert.True(documented.Success, $"{source} no longer says which port {name}'s host uses");
        int port = int.Parse(documented.Groups[1].Value);
        Assert.Equal(port.ToString(), Assert.Single(runtime.Of("EXPOSE")));
        Assert.Equal(port, runtime.UrlsPort());
        string check = Assert.Single(runtime.Of("HEALTHCHECK"));
        Assert.Contains($"/dev/tcp/127.0.0.1/{port}", check, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Builds_with_the_sdk_and_runs_on_aspnet_as_the_app_user(string name)
    {
        var file = Dockerfile.Load(name);
        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0 AS build", "mcr.microsoft.com/dotnet/aspnet:10.0"], file.Of("FROM"));
        var runtime = file.RuntimeStage();
        Assert.Equal("$APP_UID", Assert.Single(runtime.Of("USER")));
        Assert.Contains("ASPNETCORE_HTTP_PORTS=", Assert.Single(runtime.Of("ENV")), StringComparison.Ordinal);
        if (name is "web.Dockerfile" or "worker.Dockerfile")
        {
            Assert.Contains("GET /healthz", Assert.Single(runtime.Of("HEALTHCHECK")), StringComparison.Ordinal);
        }
    }
}
