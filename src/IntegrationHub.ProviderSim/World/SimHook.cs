namespace IntegrationHub.ProviderSim.World;

/// <summary>
/// A repository webhook (Azure: a service hook subscription). <see cref="Events"/> holds the provider's own event
/// names (GitHub <c>push</c>, GitLab <c>push_events</c>, Bitbucket <c>repo:push</c>, Azure <c>git.push</c>).
/// </summary>
internal sealed class SimHook
{
    public required long Id { get; init; }
    public Guid Uuid { get; } = Guid.NewGuid();
    public required ProviderId Provider { get; init; }
    public required long RepoId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string Url { get; set; }
    public string? Secret { get; set; }
    public string Name { get; set; } = "web";
    public string ContentType { get; set; } = "json";
    public bool Active { get; set; } = true;
    public HashSet<string> Events { get; set; } = new(StringComparer.Ordinal);
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Azure: Basic credentials sent with each notification.</summary>
    public string? BasicUser { get; set; }
    public string? BasicPassword { get; set; }
    /// <summary>Azure: enabled, onProbation, disabledBySystem, disabledByUser.</summary>
    public string Status { get; set; } = "enabled";
    public int ProbationRetries { get; set; }

    /// <summary>GitLab auto-disable state: consecutive failures, temporary back-off end, permanent flag.</summary>
    public int RecentFailures { get; set; }
    public DateTimeOffset? DisabledUntil { get; set; }
    public bool PermanentlyDisabled { get; set; }

    public int? LastResponseCode { get; set; }
    public string LastResponseStatus { get; set; } = "unused";
    public string? LastResponseMessage { get; set; }

    public bool Listens(string providerEvent) => Events.Contains(providerEvent) || Events.Contains("*");
}
