namespace IntegrationHub.Providers.Api;

/// <summary>
/// What the hub wants a repository hook to be. <paramref name="Secret"/> is the HMAC secret (GitHub, Bitbucket),
/// the <c>X-Gitlab-Token</c> (GitLab), or the Basic-auth password of Azure DevOps subscriptions, whose user name is
/// <paramref name="BasicAuthUsername"/>. <paramref name="Events"/> are the provider's names; start from
/// <see cref="ProviderDescriptor.DefaultHookEvents"/>. <see cref="ToString"/> never prints the secret.
/// </summary>
public sealed record HookSpec(Uri Url, string Secret, IReadOnlyList<string> Events, bool Active = true, string? BasicAuthUsername = null)
{
    public override string ToString() =>
        $"HookSpec {{ Url = {Url}, Secret = ***, Events = [{string.Join(", ", Events)}], Active = {Active} }}";
}
