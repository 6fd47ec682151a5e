namespace IntegrationHub.Benchmarks.Discovery;

/// <summary>Command-line options of the discovery benchmark.</summary>
internal sealed record BenchmarkOptions(int Repositories, int Workers, string Provider, string? ConnectionString)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        return new BenchmarkOptions(
            int.Parse(Value("--repos") ?? "10000", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Value("--workers") ?? "1", System.Globalization.CultureInfo.InvariantCulture),
            Value("--provider") ?? "github",
            Value("--connection-string"));
    }

    /// <summary>The simulator path each provider lives under.</summary>
    public string BasePath => Provider switch
    {
        "bitbucket-cloud" => "/bitbucket",
        "azure-devops" => "/azure-devops/demo-org",
        _ => "/" + Provider,
    };

    public string SimProvider => Provider == "bitbucket-cloud" ? "bitbucket" : Provider;
}
