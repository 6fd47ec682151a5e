namespace IntegrationHub.ProviderSim.World;

/// <summary>Puts the demo users and the configured OAuth apps and PATs in place at start and after a reset.</summary>
internal sealed class SimBootstrap(SimulatorOptions options, ProviderCatalog providers, SimStore store, TokenStore tokens)
{
    public void Apply()
    {
        foreach (var facts in providers.All)
        {
            store.EnsureUser(facts.Id, DemoLogin(facts.Id));
        }

        foreach (var app in options.OAuthApps)
        {
            var provider = providers.Parse(app.Provider);
            tokens.Register(new OAuthClient(provider, app.ClientId, app.ClientSecret, app.RedirectUris.ToArray(),
                app.Scopes.Count == 0 ? null : app.Scopes.ToHashSet(StringComparer.Ordinal)));
        }

        foreach (var pat in options.PersonalAccessTokens)
        {
            var provider = providers.Parse(pat.Provider);
            tokens.AddPersonal(provider, DemoOr(provider, pat.User).Id, pat.Token, pat.Scopes.ToArray(), pat.ExpiresAt);
        }
    }

    /// <summary>The named user, or the provider's demo user when no name is given.</summary>
    public SimUser DemoOr(ProviderId provider, string? login) =>
        store.EnsureUser(provider, string.IsNullOrEmpty(login) ? DemoLogin(provider) : login);

    public string DemoLogin(ProviderId provider) =>
        options.DemoUsers.GetValueOrDefault(provider.Slug) ?? providers.Facts(provider).DemoLogin;
}
