using System.Text.Json;
using IntegrationHub.Accounts;
using IntegrationHub.Api;
using IntegrationHub.Data;
using IntegrationHub.Secrets;
using IntegrationHub.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Local;

/// <summary>
/// The demo tenant, its user and a platform admin. Passwords are random on first run and kept in the data folder,
/// so a second run reuses the same accounts and prints the same credentials. Whatever it prints works: a user whose
/// password no longer matches (the file was lost) gets the printed one.
/// </summary>
internal sealed class DemoSeeder(HubDb db, UserManager<HubUser> users, AccountService accounts, ApiKeyService apiKeys, TimeProvider clock)
{
    public const string DemoEmail = "demo@integrationhub.local";
    public const string AdminEmail = "admin@integrationhub.local";

    public async Task<DemoCredentials> SeedAsync(string dataDir, CancellationToken ct)
    {
        string file = Path.Combine(dataDir, "demo-credentials.json");
        var creds = File.Exists(file)
            ? JsonSerializer.Deserialize<DemoCredentials>(await File.ReadAllTextAsync(file, ct))!
            : new DemoCredentials(DemoEmail, SecretGenerator.New(12), AdminEmail, SecretGenerator.New(12));

        var demoTenant = await EnsureUserAsync(creds.DemoEmail, "Demo User", creds.DemoPassword, "Demo Company", admin: false, ct);
        await EnsureUserAsync(creds.AdminEmail, "Platform Admin", creds.AdminPassword, "Platform Operations", admin: true, ct);
        creds = creds with { DemoApiKey = await EnsureApiKeyAsync(demoTenant, creds.DemoApiKey, ct) };
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(creds), ct);
        return creds with { DemoTenantId = demoTenant };
    }

    private async Task<Guid> EnsureUserAsync(string email, string name, string password, string tenantName, bool admin, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new HubUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, IsPlatformAdmin = admin, CreatedAt = clock.GetUtcNow() };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }
        else if (!await users.CheckPasswordAsync(user, password))
        {
            // The credentials file was deleted (or edited) but the database kept the user: make the password we are
            // about to print the one that works, and lift any lockout earned by trying the old one.
            await ResetPasswordAsync(user, password, ct);
        }

        var membership = await db.Memberships.IgnoreQueryFilters().FirstOrDefaultAsync(m => m.UserId == user.Id, ct);
        if (membership is not null)
        {
            return membership.TenantId;
        }

        var tenant = await accounts.CreateTenantAsync(tenantName, ct);
        db.Memberships.Add(new Membership { TenantId = tenant.Id, UserId = user.Id, Role = Roles.Owner, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return tenant.Id;
    }

    /// <summary>
    /// Keeps the stored demo key while it is a live key of the demo tenant; otherwise (a data folder from before keys, a
    /// revoked key, a lost database) makes one with every scope, so the key printed always works.
    /// </summary>
    private async Task<string> EnsureApiKeyAsync(Guid tenantId, string? stored, CancellationToken ct)
    {
        if (stored is not null && ApiKeyFormat.LooksValid(stored))
        {
            byte[] hash = ApiKeyFormat.HashOf(stored);
            if (await db.ApiKeys.IgnoreQueryFilters().AnyAsync(k => k.TenantId == tenantId && k.Hash == hash && k.RevokedAt == null, ct))
            {
                return stored;
            }
        }

        return (await apiKeys.CreateAsync(tenantId, "demo (local default)", ApiScopes.All.ToArray(), ct)).Plaintext;
    }

    private async Task ResetPasswordAsync(HubUser user, string password, CancellationToken ct)
    {
        foreach (var step in new Func<Task<IdentityResult>>[]
        {
            () => users.RemovePasswordAsync(user),
            () => users.AddPasswordAsync(user, password),
            () => users.ResetAccessFailedCountAsync(user),
            () => users.SetLockoutEndDateAsync(user, null),
        })
        {
            ct.ThrowIfCancellationRequested(); // UserManager takes no token; stop between steps instead
            var result = await step();
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }
    }
}
