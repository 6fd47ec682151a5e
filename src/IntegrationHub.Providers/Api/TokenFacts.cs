namespace IntegrationHub.Providers.Api;

/// <summary>What the provider says about the token a client holds: whose it is, its scopes, and when it expires.</summary>
/// <param name="User">The token's account (for GitLab project and group tokens, their bot user).</param>
/// <param name="Scopes">
/// The scopes the provider reports for this token; null when it reports none (a GitHub fine-grained token or GitHub
/// App token sends no <c>X-OAuth-Scopes</c>; a GitLab OAuth token or an instance without
/// <c>/personal_access_tokens/self</c>; Bitbucket Data Center, Azure DevOps). Null means "unknown", never "none".
/// </param>
/// <param name="ExpiresAt">When the token stops working, if the provider says; null when it does not expire or does not say.</param>
public sealed record TokenFacts(ProviderUser User, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt);
