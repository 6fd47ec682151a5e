using IntegrationHub.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tenancy;

/// <summary>
/// <see cref="TenantScope"/> for an interactive dashboard circuit, where no HTTP request (and so no middleware) runs:
/// resolved from the circuit's user before its first render and again before any browser event once it is older than
/// <see cref="Fresh"/>, so a removed member or a demoted owner is refused from their next click on, as over HTTP.
/// Its own DbContext: the page's operations may be running on theirs. A database error here fails the event and so the
/// circuit (the banner offers a reload): refusing is the safe side when the person's rights cannot be read.
/// </summary>
internal sealed class CircuitTenantScope(AuthenticationStateProvider auth, DbContextOptions<HubDb> options, TenantScope scope, TimeProvider clock)
    : CircuitHandler
{
    /// <summary>Render acknowledgements are inbound activity too; re-reading the same two rows for each would be waste.</summary>
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _resolvedAt = DateTimeOffset.MinValue;

    /// <summary>
    /// Blazor awaits this before it renders the circuit's root components, so Routes finds the scope fresh and renders the
    /// page at once: resolving in Routes itself left the prerendered page blank for a database round trip.
    /// </summary>
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken) => EnsureFreshAsync(cancellationToken);

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            await EnsureFreshAsync(CancellationToken.None);
            await next(context);
        };

    public async Task EnsureFreshAsync(CancellationToken ct)
    {
        if (clock.GetUtcNow() - _resolvedAt < Fresh)
        {
            return;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (clock.GetUtcNow() - _resolvedAt < Fresh)
            {
                return;
            }

            var state = await auth.GetAuthenticationStateAsync();
            await using var db = new HubDb(options, new TenantScope());
            await TenantScopeResolver.ResolveAsync(state.User, db, scope, ct);
            _resolvedAt = clock.GetUtcNow();
        }
        finally
        {
            _gate.Release();
        }
    }
}
