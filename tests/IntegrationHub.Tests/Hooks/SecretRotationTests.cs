using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Data;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Events;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using IntegrationHub.Transport;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests.Hooks;

/// <summary>Rotation: the provider gets the new secret; the old one is accepted during the grace period only.</summary>
public sealed class SecretRotationTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"zen":"Keep it logically awesome."}""");

    [Fact]
    public async Task Secret_rotation_accepts_both_secrets_during_the_grace_period_and_only_the_new_one_after()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("rotate", new() { ["Hub:Hooks:RotationGraceMinutes"] = "60" });
        var (id, _) = await world.ConnectAsync(worker, "github", owners: 1, reposPerOwner: 1, "/github");
        Assert.True(await world.HooksSettledAsync(id, 1));
        var protector = world.Protector(worker);
        var hookId = await world.ScalarAsync<Guid>("SELECT id FROM hooks WHERE connection_id = $1", id);
        string oldSecret = protector.Unprotect(await world.ScalarAsync<string>("SELECT secret_protected FROM hooks WHERE id = $1", hookId));

        await RotateAsync(world, id, hookId);
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<string>("SELECT status FROM " + JobRows.Table + " WHERE kind = 'rotate_secret'") == "done"));

        Hook hook;
        await using (var db = TestDb.Create(world.ConnectionString, world.TenantId))
        {
            hook = await db.Hooks.AsNoTracking().SingleAsync(h => h.Id == hookId);
        }

        string newSecret = protector.Unprotect(hook.SecretProtected);
        Assert.NotEqual(oldSecret, newSecret);
        var expires = hook.PreviousSecretExpiresAt!.Value;
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));

        var verifier = ProviderCatalog.For(ProviderKind.GitHub).Verifier;
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

    [Fact]
    public async Task A_rotation_the_provider_refuses_keeps_the_old_secret_so_deliveries_verify_after_the_grace_period()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("rotate-refused", new() { ["Hub:Hooks:RotationGraceMinutes"] = "60" });
        var (id, _) = await world.ConnectAsync(worker, "github", owners: 1, reposPerOwner: 1, "/github");
        Assert.True(await world.HooksSettledAsync(id, 1));
        var protector = world.Protector(worker);
        var hookId = await world.ScalarAsync<Guid>("SELECT id FROM hooks WHERE connection_id = $1", id);
        string oldSecret = protector.Unprotect(await world.ScalarAsync<string>("SELECT secret_protected FROM hooks WHERE id = $1", hookId));

        // The provider refuses the update for good (422).
        await world.FaultAsync("github", new { serverErrors = 1.0, serverErrorStatus = 422 });
        await RotateAsync(world, id, hookId);
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<string>("SELECT status FROM " + JobRows.Table + " WHERE kind = 'rotate_secret'") == "failed"));
        await world.FaultAsync("github", null);

        var hook = await HookAsync(world, hookId);
        Assert.Equal(oldSecret, protector.Unprotect(hook.SecretProtected));
        Assert.Null(hook.PreviousSecretProtected);
        Assert.Equal(HookStatus.Registered, hook.Status);
        Assert.Contains("Secret rotation failed", hook.LastError, StringComparison.Ordinal);

        // A day later (long past any grace period) the provider's deliveries, still signed with the old secret, verify.
        var later = DateTimeOffset.UtcNow.AddDays(1);
        var request = await PushDeliveryAsync(world, id);
        Assert.True(ProviderCatalog.For(ProviderKind.GitHub).Verifier.Verify(request, HookSecrets.Accepted(hook, later, protector), later).IsValid);
    }

    [Fact]
    public async Task Until_the_provider_takes_the_new_secret_the_old_one_stays_accepted_without_expiry()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("rotate-waiting", new() { ["Hub:Hooks:RotationGraceMinutes"] = "60" });
        var (id, _) = await world.ConnectAsync(worker, "github", owners: 1, reposPerOwner: 1, "/github");
        Assert.True(await world.HooksSettledAsync(id, 1));
        var protector = world.Protector(worker);
        var hookId = await world.ScalarAsync<Guid>("SELECT id FROM hooks WHERE connection_id = $1", id);
        string oldSecret = protector.Unprotect(await world.ScalarAsync<string>("SELECT secret_protected FROM hooks WHERE id = $1", hookId));

        // Rate limited for ten minutes: the new secret is generated, the provider is not told yet.
        await world.FaultAsync("github", new { rateLimit = "secondary", rateLimitStatus = 403, retryAfterSeconds = 600 });
        await RotateAsync(world, id, hookId);
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            // Postponed by the rate limit; the swap stored (previous secret without expiry) marks the secret as generated.
            await world.ScalarAsync<string>("SELECT status FROM " + JobRows.Table + " WHERE kind = 'rotate_secret'") == "pending"
            && await world.ScalarAsync<bool>("SELECT previous_secret_protected IS NOT NULL AND previous_secret_expires_at IS NULL FROM hooks WHERE id = $1", hookId)
            && await world.ScalarAsync<bool>("SELECT last_error IS NOT NULL FROM hooks WHERE id = $1", hookId)));

        var hook = await HookAsync(world, hookId);
        Assert.NotEqual(oldSecret, protector.Unprotect(hook.SecretProtected));
        Assert.Null(hook.PreviousSecretExpiresAt);
        Assert.Contains(oldSecret, HookSecrets.Accepted(hook, DateTimeOffset.UtcNow.AddDays(1), protector));
    }

    private static Task RotateAsync(HubWorld world, Guid connectionId, Guid hookId) =>
        TestJobs.For(world.ConnectionString).RotateSecretAsync(connectionId, hookId, CancellationToken.None);

    private static async Task<Hook> HookAsync(HubWorld world, Guid hookId)
    {
        await using var db = TestDb.Create(world.ConnectionString, world.TenantId);
        return await db.Hooks.AsNoTracking().SingleAsync(h => h.Id == hookId);
    }

    private static async Task<WebhookRequest> PushDeliveryAsync(HubWorld world, Guid connectionId)
    {
        string path = await world.ScalarAsync<string>("SELECT full_path FROM repositories WHERE connection_id = $1", connectionId);
        await world.ControlAsync("events/push", new { provider = "github", repo = path });
        await world.Sim.PostAsync("/_sim/deliveries/wait?timeoutMs=20000", null);
        var delivery = ((JsonArray)JsonNode.Parse(await world.Sim.GetStringAsync("/_sim/deliveries?provider=github&event=push&body=true"))!).Last()!;
        var headers = delivery["attempts"]![0]!["headers"]!.AsObject().ToDictionary(kv => kv.Key, kv => (string)kv.Value!);
        return new WebhookRequest(headers, Encoding.UTF8.GetBytes((string)delivery["body"]!));
    }

    private static WebhookRequest Signed(string secret) => new(
        [new("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Body))),
         new("X-GitHub-Event", "ping"), new("X-GitHub-Delivery", Guid.NewGuid().ToString())], Body);
}
