using IntegrationHub.ProviderSim.OAuth;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim;

/// <summary>Puts the configured demo users, OAuth apps and PATs in place at start and after a reset.</summary>
internal sealed class SimBootstrap(SimulatorOptions options, SimStore store, TokenStore tokens)
{
    public void Apply()
    {
        foreach (var (slug, login) in options.DemoUsers)
        {
            if (ProviderSlugs.TryParse(slug, out var provider)) store.EnsureUser(provider, login);
        }

        foreach (var app in options.OAuthApps)
        {
            var provider = ProviderSlugs.Parse(app.Provider);
            tokens.Register(new OAuthClient(provider, app.ClientId, app.ClientSecret, app.RedirectUris.ToArray(),
                app.Scopes.Count == 0 ? null : app.Scopes.ToHashSet(StringComparer.Ordinal)));
        }

        foreach (var pat in options.PersonalAccessTokens)
        {
            var provider = ProviderSlugs.Parse(pat.Provider);
            tokens.AddPersonal(provider, DemoOr(provider, pat.User).Id, pat.Token, pat.Scopes.ToArray(), null);
        }
    }

    /// <summary>The named user, or the provider's demo user when no name is given.</summary>
    public SimUser DemoOr(ProviderId provider, string? login) =>
        store.EnsureUser(provider, string.IsNullOrEmpty(login) ? DemoLogin(provider) : login);

    public string DemoLogin(ProviderId provider) =>
        options.DemoUsers.GetValueOrDefault(ProviderSlugs.Of(provider)) ?? "demo";
}
