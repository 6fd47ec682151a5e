using System.Xml.Linq;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationHub.Tests.Secrets;

/// <summary>
/// One of every stored secret (tokens and client secret of a connection, a PAT, hook secrets with a previous one, a
/// pending OAuth flow's secrets, a tenant's GitHub App and an installation token, each under its purpose) in a <see cref="HubWorld"/>'s database, protected by a hub host, with the plaintexts
/// the test expects back; and the key ring as stored.
/// </summary>
internal sealed class SecretsSeed(HubWorld world)
{
    private NpgsqlDataSource Db => world.Db;

    /// <summary>Plaintext of every stored secret, by "table.column id".</summary>
    public Dictionary<string, string> Plaintexts { get; } = [];

    /// <summary>Stores the secrets through <paramref name="hub"/>'s protector (so under its key ring and protector).</summary>
    public async Task SeedAsync(HubFactory hub)
    {
        var protection = hub.Services.GetRequiredService<IDataProtectionProvider>();
        string P(string table, string column, Guid id)
        {
            string plaintext = $"{column}-{SecretGenerator.New(12)}";
            Plaintexts[$"{table}.{column} {id}"] = plaintext;
            return protection.CreateProtector(PurposeOf(table)).Protect(plaintext);
        }

        var tenant = Guid.NewGuid();
        await world.ExecAsync("INSERT INTO tenants (id, name, slug, created_at) VALUES ($1, 'Secrets', $2, now())", tenant, "s-" + tenant.ToString("N")[..12]);
        var oauth = Guid.NewGuid();
        await world.ExecAsync("""
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind,
                                     client_id, client_secret_protected, access_token_protected, refresh_token_protected, created_at, updated_at)
            VALUES ($1, $2, 'gitlab', 'https://gitlab.example', 'own app', 'a1', 'demo', 'active', 'oauth_tenant', 'client', $3, $4, $5, now(), now())
            """, oauth, tenant, P("connections", "client_secret_protected", oauth), P("connections", "access_token_protected", oauth),
            P("connections", "refresh_token_protected", oauth));
        var pat = Guid.NewGuid();
        await world.ExecAsync("""
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind,
                                     access_token_protected, created_at, updated_at)
            VALUES ($1, $2, 'azure-devops', 'https://dev.azure.example/org', 'pat', 'a2', 'demo', 'active', 'pat', $3, now(), now())
            """, pat, tenant, P("connections", "access_token_protected", pat));
        foreach (bool rotating in new[] { true, false })
        {
            var hook = Guid.NewGuid();
            await world.ExecAsync("""
                INSERT INTO hooks (id, tenant_id, connection_id, provider, url, secret_protected, previous_secret_protected, status, created_at, updated_at)
                VALUES ($1, $2, $3, 'gitlab', 'http://hub.test/hooks/gitlab/x', $4, $5, 'registered', now(), now())
                """, hook, tenant, oauth, P("hooks", "secret_protected", hook),
                rotating ? P("hooks", "previous_secret_protected", hook) : DBNull.Value);
        }

        var flow = Guid.NewGuid();
        await world.ExecAsync("""
            INSERT INTO oauth_states (id, tenant_id, user_id, provider, auth_kind, base_url, client_id, client_secret_protected,
                                      code_verifier_protected, redirect_uri, created_at, expires_at)
            VALUES ($1, $2, $3, 'gitlab', 'oauth_tenant', 'https://gitlab.example', 'client', $4, $5, 'http://hub.test/cb', now(), now() + interval '10 minutes')
            """, flow, tenant, Guid.NewGuid(), P("oauth_states", "client_secret_protected", flow), P("oauth_states", "code_verifier_protected", flow));
        var app = Guid.NewGuid();
        await world.ExecAsync("""
            INSERT INTO github_apps (id, tenant_id, base_url, app_id, slug, client_id, client_secret_protected, private_key_protected,
                                     webhook_secret_protected, created_at, updated_at)
            VALUES ($1, $2, 'https://ghe.example', 42, 'own', 'Iv1.own', $3, $4, $5, now(), now())
            """, app, tenant, P("github_apps", "client_secret_protected", app), P("github_apps", "private_key_protected", app),
            P("github_apps", "webhook_secret_protected", app));
        var installation = Guid.NewGuid();
        await world.ExecAsync("""
            INSERT INTO github_installation_tokens (id, github_app_id, app_id, installation_id, token_protected, expires_at, refreshed_at)
            VALUES ($1, $2, 42, 7, $3, now() + interval '1 hour', now())
            """, installation, app, P("github_installation_tokens", "token_protected", installation));
    }

    /// <summary>The Data Protection purpose a stored secret is under, by "table.column id" or table.</summary>
    public static string PurposeOf(string key) => ProtectedColumns.All.Single(t => t.Table == key.Split('.')[0]).Purpose;

    /// <summary>Every stored ciphertext, by "table.column id".</summary>
    public async Task<Dictionary<string, string>> StoredAsync()
    {
        var stored = new Dictionary<string, string>();
        foreach (var (table, columns) in ProtectedColumns.All)
        {
            foreach (string column in columns)
            {
                await using var cmd = Db.CreateCommand($"SELECT id, {column} FROM {table} WHERE {column} IS NOT NULL");
                await using var rows = await cmd.ExecuteReaderAsync();
                while (await rows.ReadAsync())
                {
                    stored[$"{table}.{column} {rows.GetGuid(0)}"] = rows.GetString(1);
                }
            }
        }

        return stored;
    }

    /// <summary>The key ring's rows as stored: keys and revocations.</summary>
    public async Task<List<XElement>> KeyRingAsync()
    {
        var elements = new List<XElement>();
        await using var cmd = Db.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY id");
        await using var rows = await cmd.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            elements.Add(XElement.Parse(rows.GetString(0)));
        }

        return elements;
    }

    public async Task<List<XElement>> KeysAsync() => [.. (await KeyRingAsync()).Where(e => e.Name == "key")];
}
