namespace IntegrationHub.Tests.Deploy;

/// <summary>
/// The chart checked statically (no Helm here): its templates are YAML once template expressions are out, every value
/// a template uses is in values.yaml with a comment, every environment variable it sets is a setting of the README's
/// Configuration table, and it holds the objects and the hardening deploy/README.md promises.
/// </summary>
public sealed class HelmChartTests
{
    public static readonly TheoryData<string> Templates = new(HelmChart.Templates().Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_is_valid_yaml_once_template_expressions_are_removed(string template)
    {
        string yaml = HelmChart.WithoutTemplateExpressions(File.ReadAllText(Path.Combine(HelmChart.Folder, "templates", template)));
        var documents = Yaml.Documents(yaml);
        Assert.NotEmpty(documents);
        Assert.All(documents, d =>
        {
            var map = Assert.IsType<Dictionary<object, object?>>(d, exactMatch: false);
            Assert.NotNull(map.StringAt("apiVersion"));
            Assert.NotNull(map.StringAt("kind"));
        });
    }

    [Fact]
    public void Every_value_a_template_uses_is_in_values_yaml_and_documented()
    {
        var values = HelmChart.Values();
        var problems = HelmChart.TemplateFiles()
            .SelectMany(f => HelmChart.ValuePaths(File.ReadAllText(f)).Select(p => (File: Path.GetFileName(f), Path: p)))
            .Where(u => !values.TryGetValue(u.Path, out bool documented) || !documented)
            .Select(u => $"{u.File}: .Values.{u.Path} is {(values.ContainsKey(u.Path) ? "not documented" : "missing")} in values.yaml")
            .Distinct().ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_value_in_values_yaml_has_a_comment()
    {
        var undocumented = HelmChart.Values().Where(v => !v.Value).Select(v => v.Key).ToList();
        Assert.True(undocumented.Count == 0, "no comment above: " + string.Join(", ", undocumented));
        Assert.True(HelmChart.Values().Count > 40, "values.yaml was not read");
    }

    [Fact]
    public void Every_environment_variable_the_templates_set_is_a_setting_of_the_configuration_table()
    {
        var table = ConfigurationTable.FromReadme();
        var settingsMap = Yaml.Map(File.ReadAllText(Path.Combine(HelmChart.Folder, "values.yaml"))).MapAt("settings");
        var names = HelmChart.EnvironmentVariables()
            .Concat(settingsMap.Keys.Cast<string>().Select(k => k.Replace(":", "__", StringComparison.Ordinal)))
            .Distinct().ToList();
        Assert.Contains("ConnectionStrings__Hub", names);
        Assert.Contains("ASPNETCORE_URLS", names);
        var unknown = names.Where(n => !table.Has(n)).ToList();
        Assert.True(unknown.Count == 0, "not in the README's Configuration table: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Chart_holds_the_objects_of_a_deployment()
    {
        var kinds = HelmChart.Templates()
            .SelectMany(t => Yaml.Documents(HelmChart.WithoutTemplateExpressions(File.ReadAllText(t))))
            .Cast<Dictionary<object, object?>>()
            .GroupBy(d => d.StringAt("kind")!)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, kinds["Deployment"]);
        Assert.Equal(2, kinds["HorizontalPodAutoscaler"]);
        Assert.Equal(2, kinds["PodDisruptionBudget"]);
        Assert.Equal(3, kinds["Service"]); // web, and the headless metrics Services of web and worker pods
        Assert.All(new[] { "Ingress", "Job", "ConfigMap", "Secret", "ServiceMonitor" }, k => Assert.Equal(1, kinds[k]));
    }

    [Fact]
    public void Migration_job_is_a_pre_install_and_pre_upgrade_hook_after_its_settings()
    {
        var job = Template("migrate-job.yaml");
        var annotations = job.MapAt("metadata").MapAt("annotations");
        Assert.Equal("pre-install,pre-upgrade", annotations.StringAt("helm.sh/hook"));
        var container = Assert.IsType<Dictionary<object, object?>>(Assert.Single(job.MapAt("spec").MapAt("template").MapAt("spec").ListAt("containers")), exactMatch: false);
        Assert.Equal(["--migrate-only"], container.ListAt("args"));
        // --migrate-only runs the start-up migration and exits: with Hub:MigrateOnStart off (the ConfigMap's) it would migrate nothing.
        var migrateOnStart = container.ListAt("env").Cast<Dictionary<object, object?>>().Single(e => e.StringAt("name") == "Hub__MigrateOnStart");
        Assert.Equal("true", migrateOnStart.StringAt("value"));
        foreach (string earlier in new[] { "configmap.yaml", "secret.yaml" })
        {
            var before = Template(earlier).MapAt("metadata").MapAt("annotations");
            Assert.Equal("pre-install,pre-upgrade", before.StringAt("helm.sh/hook"));
            Assert.True(int.Parse(before.StringAt("helm.sh/hook-weight")!) < int.Parse(annotations.StringAt("helm.sh/hook-weight")!));
        }
    }

    [Theory]
    [InlineData("web-deployment.yaml")]
    [InlineData("worker-deployment.yaml")]
    public void Nodes_are_probed_on_healthz_and_write_only_to_tmp(string template)
    {
        var pod = Template(template).MapAt("spec").MapAt("template").MapAt("spec");
        var container = Assert.IsType<Dictionary<object, object?>>(Assert.Single(pod.ListAt("containers")), exactMatch: false);
        Assert.Equal("/healthz", container.MapAt("livenessProbe").MapAt("httpGet").StringAt("path"));
        Assert.Equal("/healthz", container.MapAt("readinessProbe").MapAt("httpGet").StringAt("path"));
        Assert.True(container.ContainsKey("resources"));

        string helpers = File.ReadAllText(Path.Combine(HelmChart.Folder, "templates", "_helpers.tpl"));
        Assert.Contains("mountPath: /tmp", helpers, StringComparison.Ordinal);
        Assert.Contains("drop: [\"ALL\"]", helpers, StringComparison.Ordinal);
        var values = Yaml.Map(File.ReadAllText(Path.Combine(HelmChart.Folder, "values.yaml")));
        Assert.Equal("true", values.MapAt("containerSecurityContext").StringAt("readOnlyRootFilesystem"));
        Assert.Equal("true", values.MapAt("podSecurityContext").StringAt("runAsNonRoot"));
        Assert.Equal("false", values.MapAt("serviceMonitor").StringAt("enabled"));
        Assert.Equal("/metrics", values.MapAt("metrics").StringAt("path"));
    }

    internal static Dictionary<object, object?> Template(string name) =>
        Yaml.Map(HelmChart.WithoutTemplateExpressions(File.ReadAllText(Path.Combine(HelmChart.Folder, "templates", name))));
}
