using System.Collections.Concurrent;

namespace IntegrationHub.Benchmarks.Discovery;

/// <summary>Counts the hub's provider calls by method and path (never headers or bodies).</summary>
internal sealed class CountingHandler(ConcurrentDictionary<string, int> counts) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counts.AddOrUpdate(Kind(request), 1, (_, n) => n + 1);
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>"GET list repositories", "POST create hook", … : paths with ids folded so the totals group.</summary>
    private static string Kind(HttpRequestMessage request)
    {
        string path = request.RequestUri?.AbsolutePath ?? "";
        string what = path.EndsWith("/hooks", StringComparison.Ordinal) ? "hooks"
            : path.Contains("/hooks/", StringComparison.Ordinal) ? "hook"
            : path.Contains("repos", StringComparison.Ordinal) || path.Contains("projects", StringComparison.Ordinal) || path.Contains("repositories", StringComparison.Ordinal) ? "repositories"
            : path;
        return $"{request.Method} {what}";
    }
}
