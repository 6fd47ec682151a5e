using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Hooks;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Events;
using IntegrationHub.Tests.Discover;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests.Hooks;

/// <summary>Rotation: the provider gets the new secret; the old one is accepted during the grace period only.</summary>
public sealed class SecretRotationTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"zen":"Keep it logically awesome."}""");

    [Fact]
    public async Task Secret_rotation_accepts_both_secrets_during_the_grace_period_and_only_the_new_one_after()
    {
        await using var world = await DiscoverWorld.StartAsync();
        var worker = await world.StartWorkerAsync("rotate", new() { ["Hub:Hooks:RotationGraceMinutes"] = "60" });
        var (id, _) = await world.ConnectAsync(worker, "github", owners: 1, reposPerOwner: 1, "/github");
        Assert.True(await world.HooksSettledAsync(id, 1));
        var protector = world.Protector(worker);
        var hookId = await world.ScalarAsync<Guid>("SELECT id FROM hooks WHERE connection_id = $1", id);
        string oldSecret = protector.Unprotect(await world.ScalarAsync<string>("SELECT secret_protected FROM hooks WHERE id = $1", hookId));

        await world.ExecAsync("INSERT INTO work_items (tenant_id, connection_id, kind, subject_id, status, not_before, created_at, updated_at) VALUES ($1, $2, 'rotate_secret', $3, 'pending', now(), now(), now())", world.TenantId, id, hookId);
        Assert.True(await DiscoverWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<string>("SELECT status FROM work_items WHERE kind = 'rotate_secret'") == "done"));

        Hook hook;
        await using (var db = TestDb.Create(world.ConnectionString, world.TenantId))
        {
            hook = await db.Hooks.AsNoTracking().SingleAsync(h => h.Id == hookId);
        }

        string newSecret = protector.Unprotect(hook.SecretProtected);
        Assert.NotEqual(oldSecret, newSecret);
        var expires = hook.PreviousSecretExpiresAt!.Value;
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));

        var verifier = ProviderWebhooks.For(ProviderKind.GitHub).Verifier;
        var during = HookSecrets.Accepted(hook, expires.AddMinutes(-1), protector);
        Assert.Equal([newSecret, oldSecret], during);
        Assert.Equal(1, verifier.Verify(Signed(oldSecret), during, expires.AddMinutes(-1)).MatchedSecretIndex);
        Assert.Equal(0, verifier.Verify(Signed(newSecret), during, expires.AddMinutes(-1)).MatchedSecretIndex);

        var after = HookSecrets.Accepted(hook, expires.AddSeconds(1), protector);
        Assert.Equal([newSecret], after);
        Assert.False(verifier.Verify(Signed(oldSecret), after, expires.AddSeconds(1)).IsValid);
        Assert.True(verifier.Verify(Signed(newSecret), after, expires.AddSeconds(1)).IsValid);

        // The provider signs with the new secret from now on.
        string path = await world.ScalarAsync<string>("SELECT full_path FROM repositories WHERE connection_id = $1", id);
        await world.ControlAsync("events/push", new { provider = "github", repo = path });
        await world.Sim.PostAsync("/_sim/deliveries/wait?timeoutMs=20000", null);
        var delivery = ((JsonArray)JsonNode.Parse(await world.Sim.GetStringAsync("/_sim/deliveries?provider=github&event=push&body=true"))!).Last()!;
        var headers = delivery["attempts"]![0]!["headers"]!.AsObject().ToDictionary(kv => kv.Key, kv => (string)kv.Value!);
        var request = new WebhookRequest(headers, Encoding.UTF8.GetBytes((string)delivery["body"]!));
        Assert.True(verifier.Verify(request, after, expires.AddSeconds(1)).IsValid);
        Assert.False(verifier.Verify(request, [oldSecret], expires.AddSeconds(1)).IsValid);
        Assert.Equal(1L, await world.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'hook.secret_rotated'"));
    }

    private static WebhookRequest Signed(string secret) => new(
        [new("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Body))),
         new("X-GitHub-Event", "ping"), new("X-GitHub-Delivery", Guid.NewGuid().ToString())], Body);
}
