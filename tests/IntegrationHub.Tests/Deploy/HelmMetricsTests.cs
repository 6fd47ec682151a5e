namespace IntegrationHub.Tests.Deploy;

/// <summary>
/// The chart's metrics and logs as deploy/README.md promises them: /metrics on a private named port that web and worker
/// nodes listen on and the hub is told about, scraped there by the ServiceMonitor, never behind the web Service or the
/// Ingress; JSON console logs by default. Read statically (no Helm here): YAML with template expressions taken out, and
/// the template text for what an expression refers to.
/// </summary>
public sealed class HelmMetricsTests
{
    private static readonly Dictionary<object, object?> Values = Yaml.Map(File.ReadAllText(Path.Combine(HelmChart.Folder, "values.yaml")));

    [Theory]
    [InlineData("web-deployment.yaml")]
    [InlineData("worker-deployment.yaml")]
    public void Nodes_listen_on_the_private_metrics_port_named_metrics_and_tell_the_hub_it_is_private(string template)
    {
        var container = Container(template);
        var ports = container.ListAt("ports").Cast<Dictionary<object, object?>>().ToDictionary(p => p.StringAt("name")!);
        Assert.Equal(["http", "metrics"], ports.Keys.Order());
        string text = Text(template);
        Assert.Contains("- name: metrics\n              containerPort: {{ .Values.metrics.port }}", text, StringComparison.Ordinal);
        Assert.Contains("include \"integrationhub.urls\"", text, StringComparison.Ordinal);

        // The hosts' urls list the node's port and then the metrics port; the hub answers /metrics only on the latter.
        string helpers = Text("_helpers.tpl");
        Assert.Contains("printf \"http://+:%v;http://+:%v\" .port .root.Values.metrics.port", helpers, StringComparison.Ordinal);
        string configMap = Text("configmap.yaml");
        Assert.Contains("Hub__Telemetry__Prometheus__Port: {{ .Values.metrics.port", configMap, StringComparison.Ordinal);
        Assert.Contains("Hub__Telemetry__Prometheus__Path: {{ .Values.metrics.path", configMap, StringComparison.Ordinal);
        Assert.Contains("Hub__Telemetry__Prometheus__Enabled: {{ .Values.metrics.enabled", configMap, StringComparison.Ordinal);
        Assert.Equal("true", Values.MapAt("metrics").StringAt("enabled"));
        Assert.NotEqual(Values.MapAt("metrics").StringAt("port"), Values.MapAt("web").StringAt("port"));
        Assert.NotEqual(Values.MapAt("metrics").StringAt("port"), Values.MapAt("worker").StringAt("port"));
    }

    [Fact]
    public void ServiceMonitor_scrapes_the_metrics_port_through_headless_metrics_services_of_web_and_worker_pods()
    {
        var monitor = HelmChartTests.Template("servicemonitor.yaml");
        var endpoint = Assert.IsType<Dictionary<object, object?>>(Assert.Single(monitor.MapAt("spec").ListAt("endpoints")), exactMatch: false);
        Assert.Equal("metrics", endpoint.StringAt("port"));
        Assert.Contains("path: {{ .Values.metrics.path }}", Text("servicemonitor.yaml"), StringComparison.Ordinal);
        Assert.Contains("(dict \"root\" . \"component\" \"metrics\")", Text("servicemonitor.yaml"), StringComparison.Ordinal);

        var services = Documents("metrics-service.yaml");
        Assert.Equal(2, services.Count);
        foreach (var service in services)
        {
            Assert.Equal("Service", service.StringAt("kind"));
            Assert.Equal("None", service.MapAt("spec").StringAt("clusterIP"));
            var port = Assert.IsType<Dictionary<object, object?>>(Assert.Single(service.MapAt("spec").ListAt("ports")), exactMatch: false);
            Assert.Equal("metrics", port.StringAt("name"));
            Assert.Equal("metrics", port.StringAt("targetPort"));
        }

        // Labelled for the ServiceMonitor's selector, each selecting one kind of node.
        string text = Text("metrics-service.yaml");
        Assert.Equal(2, Count(text, "\"integrationhub.labels\" (dict \"root\" . \"component\" \"metrics\")"));
        Assert.Equal(1, Count(text, "\"integrationhub.selector\" (dict \"root\" . \"component\" \"web\")"));
        Assert.Equal(1, Count(text, "\"integrationhub.selector\" (dict \"root\" . \"component\" \"worker\")"));
        Assert.All(new[] { "metrics-service.yaml", "servicemonitor.yaml" },
            t => Assert.StartsWith("{{- if and .Values.metrics.enabled .Values.serviceMonitor.enabled }}", Text(t), StringComparison.Ordinal));
    }

    [Fact]
    public void The_public_web_service_and_the_ingress_never_route_to_the_metrics_port()
    {
        var service = HelmChartTests.Template("web-service.yaml");
        var port = Assert.IsType<Dictionary<object, object?>>(Assert.Single(service.MapAt("spec").ListAt("ports")), exactMatch: false);
        Assert.Equal("http", port.StringAt("name"));
        Assert.Equal("http", port.StringAt("targetPort"));
        Assert.DoesNotContain("metrics", Text("web-service.yaml"), StringComparison.Ordinal);

        var rules = HelmChartTests.Template("ingress.yaml").MapAt("spec").ListAt("rules").Cast<Dictionary<object, object?>>();
        var backends = rules.SelectMany(r => r.MapAt("http").ListAt("paths").Cast<Dictionary<object, object?>>())
            .Select(p => p.MapAt("backend").MapAt("service")).ToList();
        Assert.NotEmpty(backends);
        Assert.All(backends, b => Assert.Equal("http", b.MapAt("port").StringAt("name")));
        // Its one backend is the web Service (the only Service with an http port to name).
        Assert.Contains("name: {{ include \"integrationhub.fullname\" . }}-web\n                port:\n                  name: http", Text("ingress.yaml"), StringComparison.Ordinal);
        Assert.DoesNotContain("metrics", Text("ingress.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Console_logs_are_json_by_default_through_a_value()
    {
        Assert.Equal("json", Values.MapAt("logging").StringAt("format"));
        Assert.Contains("Hub__Logging__Format: {{ .Values.logging.format | quote }}", Text("configmap.yaml"), StringComparison.Ordinal);
        // Every hub container (web, worker, the migration job) takes its settings from the ConfigMap.
        Assert.All(new[] { "web-deployment.yaml", "worker-deployment.yaml", "migrate-job.yaml" },
            t => Assert.Contains("configMapRef:", Text(t), StringComparison.Ordinal));
    }

    private static Dictionary<object, object?> Container(string template) =>
        Assert.IsType<Dictionary<object, object?>>(
            Assert.Single(HelmChartTests.Template(template).MapAt("spec").MapAt("template").MapAt("spec").ListAt("containers")), exactMatch: false);

    private static List<Dictionary<object, object?>> Documents(string template) =>
        [.. Yaml.Documents(HelmChart.WithoutTemplateExpressions(Text(template))).Cast<Dictionary<object, object?>>()];

    private static string Text(string template) => File.ReadAllText(Path.Combine(HelmChart.Folder, "templates", template));

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
