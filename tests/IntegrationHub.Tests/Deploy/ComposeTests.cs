namespace IntegrationHub.Tests.Deploy;

/// <summary>
/// deploy/compose.yaml as deploy/README.md describes it: PostgreSQL 15, a migration run once before the nodes, one web
/// node, two worker nodes, a demo profile with the simulator and the mention bot, and secrets from files only.
/// </summary>
public sealed class ComposeTests
{
    private static readonly Dictionary<object, object?> Compose = Yaml.Map(DeployFiles.Read("deploy", "compose.yaml"));
    private static readonly Dictionary<object, object?> Services = Compose.MapAt("services");

    private static IEnumerable<(string Name, Dictionary<object, object?> Service)> All =>
        Services.Select(s => ((string)s.Key, Assert.IsType<Dictionary<object, object?>>(s.Value, exactMatch: false)));

    private static IEnumerable<(string Name, Dictionary<object, object?> Service)> Hub =>
        All.Where(s => s.Service.StringAt("image") is "integrationhub-web" or "integrationhub-worker");

    [Fact]
    public void Has_postgres_a_migration_one_web_node_and_two_worker_nodes_by_default()
    {
        var always = All.Where(s => !s.Service.ContainsKey("profiles")).Select(s => s.Name).Order();
        Assert.Equal(["migrate", "postgres", "web", "worker-1", "worker-2"], always);
        Assert.Equal("postgres:15", Services.MapAt("postgres").StringAt("image"));
        Assert.Equal(["--migrate-only"], Services.MapAt("migrate").ListAt("command"));
        // --migrate-only runs the start-up migration and exits: with Hub:MigrateOnStart off it would migrate nothing.
        Assert.Equal("true", Services.MapAt("migrate").MapAt("environment").StringAt("Hub__MigrateOnStart"));
        Assert.Equal("integrationhub-web", Services.MapAt("web").StringAt("image"));
        Assert.Equal(2, All.Count(s => s.Service.StringAt("image") == "integrationhub-worker"));
    }

    [Fact]
    public void Every_node_waits_for_the_migration_to_complete_and_none_migrates_itself()
    {
        foreach (var (name, service) in Hub.Where(s => s.Name != "migrate"))
        {
            var migrate = service.MapAt("depends_on").MapAt("migrate");
            Assert.Equal("service_completed_successfully", migrate.StringAt("condition"));
            Assert.Equal("false", service.MapAt("environment").StringAt("Hub__MigrateOnStart"));
            Assert.False(service.ContainsKey("profiles"), $"{name} is a node: it runs in every profile");
        }
    }

    [Fact]
    public void Demo_profile_adds_the_simulator_its_seed_and_the_mention_bot()
    {
        var demo = All.Where(s => s.Service.ContainsKey("profiles")).ToList();
        Assert.All(demo, s => Assert.Equal(["demo"], s.Service.ListAt("profiles")));
        Assert.Equal(["mentionbot", "simulator", "simulator-seed"], demo.Select(s => s.Name).Order());
    }

    [Fact]
    public void Secrets_come_from_files_the_script_makes_never_from_the_compose_file()
    {
        string script = DeployFiles.Read("deploy", "compose-secrets.sh");
        foreach (var (name, secret) in Compose.MapAt("secrets"))
        {
            string file = Assert.IsType<string>(Assert.IsType<Dictionary<object, object?>>(secret, exactMatch: false)["file"]);
            Assert.StartsWith("./secrets/", file);
            Assert.Contains(file[2..], script, StringComparison.Ordinal);
            Assert.Contains(All, s => s.Service.TryGetValue("secrets", out var used) && ((List<object?>)used!).Contains(name));
        }

        foreach (var (name, service) in Hub)
        {
            var env = service.MapAt("environment");
            Assert.Contains("Passfile=/run/secrets/pgpass", env.StringAt("ConnectionStrings__Hub"), StringComparison.Ordinal);
            Assert.DoesNotContain("Password=", env.StringAt("ConnectionStrings__Hub"), StringComparison.OrdinalIgnoreCase);
            Assert.Equal("/run/secrets/keyring_key", env.StringAt("Hub__KeyRing__KeyFile"));
            Assert.Equal(["pgpass", "keyring_key"], service.ListAt("secrets"));
            Assert.False(env.ContainsKey("Hub__KeyRing__Key"), $"{name} sets the key ring's key inline");
        }

        Assert.Equal("/run/secrets/db_password", Services.MapAt("postgres").MapAt("environment").StringAt("POSTGRES_PASSWORD_FILE"));
    }

    [Fact]
    public void Every_setting_the_hub_services_get_is_in_the_configuration_table()
    {
        var table = ConfigurationTable.FromReadme();
        var unknown = Hub.SelectMany(s => s.Service.MapAt("environment").Keys.Cast<string>().Select(k => $"{s.Name}: {k}"))
            .Where(k => !table.Has(k[(k.IndexOf(' ') + 1)..])).ToList();
        Assert.True(unknown.Count == 0, "not in the README's Configuration table:\n" + string.Join("\n", unknown));
    }

    [Fact]
    public void Hub_services_log_json()
    {
        Assert.NotEmpty(Hub);
        Assert.All(Hub, s => Assert.Equal("json", s.Service.MapAt("environment").StringAt("Hub__Logging__Format")));
    }

    [Fact]
    public void Nodes_serve_metrics_on_a_port_of_their_own_published_on_loopback_only()
    {
        var published = Services.MapAt("web").ListAt("ports").Cast<string>().ToList();
        var metricsPorts = new List<string>();
        foreach (var (name, service) in Hub.Where(s => s.Name != "migrate"))
        {
            var env = service.MapAt("environment");
            string port = Assert.IsType<string>(env.StringAt("Hub__Telemetry__Prometheus__Port"));
            // The host listens on it (besides its own port), and /metrics answers nowhere else.
            Assert.Contains($"http://+:{port}", env.StringAt("ASPNETCORE_URLS")!.Split(';'));
            Assert.Equal(2, env.StringAt("ASPNETCORE_URLS")!.Split(';').Length);
            Assert.Contains($"127.0.0.1:{port}:{port}", published);
            metricsPorts.Add(port);
        }

        // web, worker-1 and worker-2 share one network namespace: each needs its own port.
        Assert.Equal(3, metricsPorts.Distinct().Count());
        Assert.All(All.Where(s => s.Service.ContainsKey("ports")).SelectMany(s => s.Service.ListAt("ports").Cast<string>()),
            p => Assert.StartsWith("127.0.0.1:", p));
    }

    [Fact]
    public void Every_image_built_names_a_Dockerfile_that_exists()
    {
        foreach (var (name, service) in All.Where(s => s.Service.ContainsKey("build")))
        {
            var build = service.MapAt("build");
            string dockerfile = Path.GetFullPath(Path.Combine(DeployFiles.Path("deploy"), build.StringAt("context")!, build.StringAt("dockerfile")!));
            Assert.True(File.Exists(dockerfile), $"{name}: {dockerfile} does not exist");
            Assert.Equal(DeployFiles.Root.TrimEnd('/'), Path.GetFullPath(Path.Combine(DeployFiles.Path("deploy"), build.StringAt("context")!)).TrimEnd('/'));
        }
    }
}
