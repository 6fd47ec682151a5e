namespace IntegrationHub.ProviderAccess;

/// <summary>
/// What the hub was doing when it called a provider: the <c>operation</c> tag of <c>ihub.provider.calls</c>. A fixed set
/// of constants, so the tag stays bounded; each feature names its own when it opens a <see cref="ProviderCallScope"/>.
/// </summary>
internal static class ProviderOperations
{
    /// <summary>Listing a connection's repositories (Discovery).</summary>
    public const string Discovery = "discovery";

    /// <summary>Registering, repairing, rotating and removing webhooks (HookRegistration).</summary>
    public const string Hooks = "hooks";

    /// <summary>The poll's reads of a repository's streams.</summary>
    public const string Poll = "poll";

    /// <summary>The poll's change probe: one cheap call per connection asking whether anything changed.</summary>
    public const string Probe = "probe";

    /// <summary>Comments and commit statuses posted for API callers (Actions).</summary>
    public const string Actions = "actions";

    /// <summary>Token refreshes and revocations, and GitHub App installation tokens minted.</summary>
    public const string Token = "token";

    /// <summary>Connecting: instance probes, the OAuth code exchange and a pasted token's check.</summary>
    public const string Connect = "connect";

    /// <summary>A call made outside any scope: a call site that forgot to name itself shows here rather than nowhere.</summary>
    public const string Other = "other";
}
