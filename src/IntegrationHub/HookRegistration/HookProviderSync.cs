using IntegrationHub.Data;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Secrets;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.HookRegistration;

/// <summary>
/// Puts one hook row's wishes at the provider. Registration is idempotent: when an earlier attempt may have created the
/// hook (or it was deleted and someone re-added it), the repository's hooks are listed first and one of ours is updated
/// instead of adding a second. "Ours" is this connection's only (<see cref="HookOwnership"/>): another tenant watching
/// the same repository has hooks under the same URL prefix, and they are never adopted, rewritten or deleted here.
/// Throws <see cref="ProviderApiException"/>.
/// </summary>
public sealed class HookProviderSync(HubDb db, ISecretProtector secrets, HookUrls urls, HookCreationPace pace, TimeProvider clock)
{
    public Hook NewHook(Connection connection, Repository repository)
    {
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        return new Hook
        {
            Id = id,
            TenantId = connection.TenantId,
            ConnectionId = connection.Id,
            RepositoryId = repository.Id,
            Provider = connection.Provider,
            Url = urls.For(connection.Provider, id).AbsoluteUri,
            SecretProtected = secrets.Protect(NewSecret(connection.Provider)),
            BasicUsername = SecretShape(connection.Provider).HasBasicUsername ? HookUrls.BasicUsername(id) : null,
            Status = HookStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>A fresh secret shaped as the provider's hooks take it.</summary>
    public static string NewSecret(string providerSlug) => SecretGenerator.New(SecretShape(providerSlug).RandomBytes);

    private static HookSecretShape SecretShape(string providerSlug) => ProviderCatalog.TryFind(providerSlug, out var provider)
        ? provider.Webhook.Secret
        : throw new InvalidOperationException($"No provider has the slug '{providerSlug}'.");

    public HookSpec Spec(Hook hook, ProviderDescriptor descriptor) =>
        new(new Uri(hook.Url), secrets.Unprotect(hook.SecretProtected), descriptor.DefaultHookEvents, Active: true, hook.BasicUsername);

    public static RepositoryRef Ref(Repository repository) => new(repository.ExternalId, repository.FullPath, repository.ProjectId);

    /// <summary>
    /// Creates or updates the hook at the provider; the caller saves the row. A creation first takes a slot under the
    /// provider's content-creation limit, or throws <see cref="HookCreationPacedException"/> having created nothing.
    /// </summary>
    public async Task EnsureAsync(IProviderApi api, Repository repository, Hook hook, bool lookup, CancellationToken ct)
    {
        var spec = Spec(hook, api.Descriptor);
        var target = Ref(repository);
        ProviderHook? existing = null;
        if (lookup)
        {
            var ours = await FindOursAsync(api, repository, hook, ct);
            existing = ours.FirstOrDefault();
            foreach (var stray in ours.Skip(1))
            {
                // Orphans of this connection's (a duplicate, or an older row's hook on this repository): they would
                // deliver to a hook id we no longer accept.
                await api.Hooks.DeleteAsync(target, stray.Id, ct);
            }
        }

        if (existing is null && await pace.TryTakeAsync(hook.ConnectionId, api.Descriptor, ct) is { } until)
        {
            throw new HookCreationPacedException(until);
        }

        var result = existing is null
            ? await api.Hooks.CreateAsync(target, spec, ct)
            : await api.Hooks.UpdateAsync(target, existing.Id, spec, ct);
        var now = clock.GetUtcNow();
        hook.ProviderHookId = result.Id;
        hook.Status = HookStatus.Registered;
        hook.RegisteredAt ??= now;
        hook.LastError = null;
        hook.UpdatedAt = now;
    }

    /// <summary>Deletes the hook at the provider (gone already counts as deleted); the caller saves the row.</summary>
    public async Task RemoveAsync(IProviderApi api, Repository repository, Hook hook, CancellationToken ct)
    {
        var target = Ref(repository);
        bool shared = await RecordedElsewhereAsync(hook, ct);
        if (hook.ProviderHookId is { } id && !shared)
        {
            await api.Hooks.DeleteAsync(target, id, ct);
        }

        if (hook.RegisterAttempts > 0 || shared)
        {
            // A recorded id another connection also records is not proof: only what the provider's list shows as ours goes.
            foreach (var ours in (await FindOursAsync(api, repository, hook, ct)).Where(h => shared || h.Id != hook.ProviderHookId))
            {
                await api.Hooks.DeleteAsync(target, ours.Id, ct);
            }
        }

        hook.Status = HookStatus.Removed;
        hook.UpdatedAt = clock.GetUtcNow();
    }

    /// <summary>
    /// Whether another connection's live row records the same provider hook id: left from before hooks were told apart by
    /// connection, when one tenant's registration could adopt another's hook. That id names nobody's hook for certain.
    /// </summary>
    public async Task<bool> RecordedElsewhereAsync(Hook hook, CancellationToken ct) =>
        hook.ProviderHookId is { } id && await db.Hooks.IgnoreQueryFilters().AsNoTracking().AnyAsync(h =>
            h.Provider == hook.Provider && h.ProviderHookId == id && h.ConnectionId != hook.ConnectionId && h.Status != HookStatus.Removed, ct);

    /// <summary>The provider's hook delivers to another of our hook rows (another tenant's): it is not this row's to repair.</summary>
    public bool DeliversElsewhere(Hook hook, ProviderHook at) =>
        at.Url is { } url && new HookOwnership(urls.Prefix(hook.Provider)).IsOurs(url)
        && !string.Equals(url.AbsoluteUri, hook.Url, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The repository's hooks at the provider that belong to this connection's hook rows on it (this one, and older ones
    /// whose removal was let go), this row's own first. The row itself is taken as it is in memory: its id may not be saved yet.
    /// </summary>
    private async Task<List<ProviderHook>> FindOursAsync(IProviderApi api, Repository repository, Hook hook, CancellationToken ct)
    {
        var ownership = new HookOwnership(urls.Prefix(hook.Provider));
        ownership.Add(hook.ProviderHookId, hook.Url, urls.For(hook.Provider, hook.Id).AbsoluteUri);
        var rows = await db.Hooks.IgnoreQueryFilters().AsNoTracking()
            .Where(h => h.ConnectionId == hook.ConnectionId && h.RepositoryId == repository.Id && h.Id != hook.Id)
            .Select(h => new { h.Id, h.Provider, h.ProviderHookId, h.Url }).ToListAsync(ct);
        foreach (var row in rows)
        {
            ownership.Add(row.ProviderHookId, row.Url, urls.For(row.Provider, row.Id).AbsoluteUri);
        }

        var all = await api.Hooks.ListAsync(Ref(repository), ct);
        return [.. all.Where(ownership.Owns).OrderByDescending(h => h.Id == hook.ProviderHookId
            || string.Equals(h.Url?.AbsoluteUri, hook.Url, StringComparison.OrdinalIgnoreCase))];
    }
}
