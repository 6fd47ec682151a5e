namespace IntegrationHub.Providers.Api;

/// <summary>
/// What the hub must know about a provider, as data: URLs, scopes, token behaviour, auth scheme, rate-limit headers
/// and the webhook events we subscribe to. Code exists only for quirks. One static instance per provider, held by its
/// provider object (<c>ProviderCatalog.For(kind).Descriptor</c>).
/// </summary>
public sealed record ProviderDescriptor
{
    public required ProviderKind Kind { get; init; }

    /// <summary>What URLs, settings, stored rows and the CLI call the provider (<see cref="ProviderSlugs"/>).</summary>
    public required string Slug { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>The public SaaS base URL; null for Bitbucket Data Center, which is always self-hosted.</summary>
    public required Uri? DefaultBaseUrl { get; init; }

    /// <summary>Derives API root and OAuth URLs from a connection's base URL (self-hosted instances change only this).</summary>
    public required Func<Uri, ProviderEndpoints> DeriveEndpoints { get; init; }

    /// <summary>Scopes the hub asks for on connect (or that a PAT must carry).</summary>
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>
    /// Scopes a personal access token must carry, where the provider reports a token's scopes (GitHub classic tokens,
    /// GitLab personal, project and group tokens); empty where it does not. Fewer than <see cref="Scopes"/> when one
    /// scope covers the others for a token the person makes by hand.
    /// </summary>
    public IReadOnlyList<string> PatScopes { get; init; } = [];

    /// <summary>Separator used when the scopes go into the authorize URL.</summary>
    public string ScopeSeparator { get; init; } = " ";

    /// <summary>False for providers the hub connects with a PAT only (Bitbucket DC, Azure DevOps).</summary>
    public required bool SupportsOAuth { get; init; }
    public required bool SupportsPkce { get; init; }
    public TokenClientAuth TokenClientAuth { get; init; } = TokenClientAuth.RequestBody;
    public TokenRevocation Revocation { get; init; } = TokenRevocation.None;

    /// <summary>Typical access-token lifetime; null when tokens do not expire (GitHub OAuth apps, PATs).</summary>
    public TimeSpan? AccessTokenLifetime { get; init; }
    public bool IssuesRefreshTokens { get; init; }

    /// <summary>True when a refresh revokes the refresh token used (GitLab): refreshes must be serialized per connection.</summary>
    public bool RefreshTokensSingleUse { get; init; }

    public ApiAuthScheme ApiAuth { get; init; } = ApiAuthScheme.Bearer;
    public required RateLimitHeaderNames RateLimitHeaders { get; init; }

    /// <summary>Headers every API call carries (API version pins, Accept).</summary>
    public IReadOnlyDictionary<string, string> RequestHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The provider's limit on content-creating requests per token (GitHub's secondary limit); null where none is
    /// documented. Hook registration paces itself under it.
    /// </summary>
    public ContentCreationLimits? CreationLimits { get; init; }

    /// <summary>The provider's own event names the hub subscribes a repository hook to (pass to <see cref="HookSpec"/>).</summary>
    public required IReadOnlyList<string> DefaultHookEvents { get; init; }

    /// <summary>What comments can be written on (Bitbucket DC issues live in Jira; Azure DevOps has no bare-commit comments).</summary>
    public IReadOnlyList<CommentTargetKind> CommentTargets { get; init; } = [CommentTargetKind.PullRequest, CommentTargetKind.Issue, CommentTargetKind.Commit];

    /// <summary>Endpoints for a connection; <paramref name="baseUrl"/> null means the public SaaS instance.</summary>
    public ProviderEndpoints EndpointsFor(Uri? baseUrl)
    {
        Uri effective = baseUrl ?? DefaultBaseUrl
            ?? throw new ArgumentException($"{DisplayName} has no public instance: a base URL is required.", nameof(baseUrl));
        return DeriveEndpoints(effective);
    }
}
