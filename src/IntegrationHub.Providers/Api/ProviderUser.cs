namespace IntegrationHub.Providers.Api;

/// <summary>The account a token belongs to.</summary>
/// <param name="Id">Stable provider id as text (GitHub/GitLab numeric id, Bitbucket uuid with braces, Azure guid).</param>
/// <param name="Login">User name / nickname / unique name.</param>
/// <param name="DisplayName">Human name; falls back to <paramref name="Login"/>.</param>
/// <param name="GrantedScopes">From <c>X-OAuth-Scopes</c> where the provider sends it (GitHub, Bitbucket Cloud); null when unknown.</param>
public sealed record ProviderUser(string Id, string Login, string DisplayName, IReadOnlyList<string>? GrantedScopes);
