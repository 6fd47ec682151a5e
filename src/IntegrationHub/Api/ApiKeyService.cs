using IntegrationHub.Audit;
using IntegrationHub.Data;
using IntegrationHub.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api;

/// <summary>Creates, lists and revokes a tenant's API keys; each creation and revocation is audited with the change.</summary>
public sealed class ApiKeyService(HubDb db, AuditLog audit, TenantScope scope, TimeProvider clock)
{
    public const int MaxNameLength = 100;

    /// <summary>Makes a key for <paramref name="tenantId"/>; the plaintext is returned once and never stored.</summary>
    public async Task<CreatedApiKey> CreateAsync(Guid tenantId, string name, IReadOnlyCollection<string> scopes, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        name = name.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new ArgumentException($"A key needs a name of 1 to {MaxNameLength} characters.", nameof(name));
        }

        if (scopes.Count == 0 || scopes.Any(s => !ApiScopes.All.Contains(s)))
        {
            throw new ArgumentException("A key needs at least one scope, each one of: " + string.Join(", ", ApiScopes.All) + ".", nameof(scopes));
        }

        string plaintext = ApiKeyFormat.NewKey();
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            Name = name,
            Prefix = ApiKeyFormat.PrefixOf(plaintext),
            Hash = ApiKeyFormat.HashOf(plaintext),
            Scopes = ApiScopes.All.Where(scopes.Contains).ToList(), // canonical order, no duplicates
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = scope.UserId,
        };
        db.ApiKeys.Add(key);
        audit.Record("api_key.created", tenantId, key.Name, $"{key.Prefix}… scopes {string.Join(' ', key.Scopes)}");
        await db.SaveChangesAsync(ct);
        return new CreatedApiKey(key, plaintext);
    }

    /// <summary>The current tenant's keys, newest first (revoked ones too: the page shows when and that they were).</summary>
    /// <summary>The tenant's keys (prefixes, scopes, last use): owners' business, like creating and revoking them.</summary>
    public Task<List<ApiKey>> ListAsync(CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        return db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
    }

    /// <summary>Revokes one of the current tenant's keys; false when there is no such key or it was already revoked.</summary>
    public async Task<bool> RevokeAsync(Guid keyId, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.RevokedAt == null, ct);
        if (key is null)
        {
            return false;
        }

        key.RevokedAt = clock.GetUtcNow();
        key.RevokedBy = scope.UserId;
        audit.Record("api_key.revoked", key.TenantId, key.Name, $"{key.Prefix}…");
        await db.SaveChangesAsync(ct);
        return true;
    }
}
