using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.Faults;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Control;

/// <summary>
/// The simulator's own API under <c>/_sim</c> (camelCase JSON): reset, seed, users, repositories, OAuth apps and
/// PATs. Events, inspection and faults live in <see cref="ControlEventsApi"/> and <see cref="ControlInspectApi"/>.
/// </summary>
internal static class ControlApi
{
    public static void MapControlApi(this IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/_sim");
        sim.MapPost("/reset", async (HttpContext c, SimStore store, TokenStore tokens, DeliveryLog log, DeliveryQueue queue,
            FaultRegistry faults, ApiUsage usage, LimitAnswers limitAnswers, SimBootstrap bootstrap, IEnumerable<ISimResettable> providerState) =>
        {
            faults.Reset();
            await queue.WaitIdle(TimeSpan.FromSeconds(5), c.RequestAborted);
            store.Reset();
            tokens.Reset();
            log.Reset();
            usage.Reset();
            limitAnswers.Reset();
            foreach (var state in providerState) state.Reset();
            bootstrap.Apply();
            return Results.Json(new { reset = true }, Json.Web);
        });

        sim.MapPost("/seed", (SeedRequest request, Seeder seeder) => Results.Json(seeder.Seed(request), Json.Web));

        sim.MapPost("/users", (UserRequest request, SimStore store, ProviderCatalog providers) =>
        {
            var user = store.EnsureUser(providers.Parse(request.Provider), request.Login);
            return Results.Json(new { user.Id, user.Login, user.Uuid }, Json.Web);
        });

        sim.MapPost("/repos", (RepoRequest request, SimStore store, SimBootstrap bootstrap, ProviderCatalog providers) =>
        {
            var provider = providers.Parse(request.Provider);
            var owner = bootstrap.DemoOr(provider, request.User);
            var existing = store.FindRepo(provider, request.Project is null ? $"{request.Owner}/{request.Name}" : $"{request.Owner}/{request.Project}/{request.Name}");
            var repo = existing ?? store.AddRepo(provider, request.Owner, request.Project, request.Name, owner, request.Private);
            foreach (var login in request.VisibleTo ?? []) store.Grant(repo, store.EnsureUser(provider, login));
            return Results.Json(new RepoView(repo.Id, repo.FullName, repo.Owner, repo.Project, repo.Name, repo.Uuid), Json.Web);
        });

        sim.MapPost("/oauth-apps", (SimOAuthApp app, TokenStore tokens, ProviderCatalog providers) =>
        {
            tokens.Register(new OAuthClient(providers.Parse(app.Provider), app.ClientId, app.ClientSecret, app.RedirectUris.ToArray(),
                app.Scopes.Count == 0 ? null : app.Scopes.ToHashSet(StringComparer.Ordinal)));
            return Results.Json(new { app.Provider, app.ClientId }, Json.Web);
        });

        sim.MapPost("/tokens", (TokenRequest request, TokenStore tokens, SimBootstrap bootstrap, SimStore store, ProviderCatalog providers) =>
        {
            var provider = providers.Parse(request.Provider);
            var user = bootstrap.DemoOr(provider, request.User);
            var value = string.IsNullOrEmpty(request.Token) ? SimIds.Token(providers.Facts(provider).PersonalTokenPrefix) : request.Token;
            var expires = request.ExpiresInSeconds is { } s ? store.Now.AddSeconds(s) : (DateTimeOffset?)null;
            tokens.AddPersonal(provider, user.Id, value, request.Scopes ?? [], expires);
            return Results.Json(new { token = value, user = user.Login, provider = provider.Slug }, Json.Web);
        });

        sim.MapGet("/state", (SimStore store, DeliveryQueue queue, ProviderCatalog providers, LimitAnswers limitAnswers) => Results.Json(new
        {
            repositories = providers.All.ToDictionary(p => p.Id.Slug, p => store.RepoCount(p.Id)),
            hooks = store.AllHooks(null).Count,
            pendingDeliveries = queue.Pending,
            limitAnswers = limitAnswers.Snapshot(),
        }, Json.Web));

        ControlEventsApi.Map(sim);
        ControlInspectApi.Map(sim);
        ControlWritesInspectApi.Map(sim);
    }
}
