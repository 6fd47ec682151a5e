using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Data;
using IntegrationHub.HookRegistration;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers.Api;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Connect;

public sealed class DisconnectHookTests
{
    [Fact]
    public async Task Disconnect_removes_a_hook_whose_registration_was_interrupted_before_its_id_was_recorded()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        await world.ControlAsync("seed", new { provider = "azure-devops", owners = 1, reposPerOwner = 1, organization = "demo-org" });
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        var connected = await Forms.SubmitAsync(browser, "/integrations/azure-devops", "azure-devops", new Dictionary<string, string>
        {
            ["Input.OrganizationUrl"] = $"{world.SimUrl}/azure-devops/demo-org",
            ["Input.Pat"] = "ado-demo-personal-token",
        });
        Assert.Equal(HttpStatusCode.Redirect, connected.StatusCode);
        var c = await world.SingleConnectionAsync();

        // A registration that created the subscription at the provider, then died before recording its id.
        var api = await world.Hub.Services.GetRequiredService<IConnectionApis>().ForAsync(c, CancellationToken.None);
        var found = Assert.Single((await api.ListRepositoriesAsync(null, CancellationToken.None)).Items);
        var hookId = Guid.NewGuid();
        var url = world.Hub.Services.GetRequiredService<HookUrls>().For("azure-devops", hookId);
        await api.Hooks.CreateAsync(found.Ref, new HookSpec(url, SecretGenerator.New(), api.Descriptor.DefaultHookEvents, BasicAuthUsername: HookUrls.BasicUsername(hookId)), CancellationToken.None);
        await using (var scope = world.Hub.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDb>();
            var now = DateTimeOffset.UtcNow;
            var repo = new Repository { Id = Guid.NewGuid(), TenantId = c.TenantId, ConnectionId = c.Id, ExternalId = found.ExternalId, FullPath = found.FullPath, ProjectId = found.ProjectId, FirstSeenAt = now, LastSeenAt = now };
            db.Repositories.Add(repo);
            db.Hooks.Add(new Hook { Id = hookId, TenantId = c.TenantId, ConnectionId = c.Id, RepositoryId = repo.Id, Provider = "azure-devops", Url = url.ToString(), SecretProtected = "x", Status = HookStatus.Pending, RegisterAttempts = 1, CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync();
        }

        Assert.NotEmpty(JsonNode.Parse(await world.Sim.GetStringAsync("/_sim/hooks?provider=azure-devops"))!.AsArray());

        var posted = await CleanupPosts.DisconnectAsync(browser, c.Id);
        Assert.Contains("Removing 1 webhook(s) at the provider", await posted.Content.ReadAsStringAsync());
        // The removal is a worker's job (remove_hooks), started only now so discovery (stopped by the disconnect) never ran.
        var worker = await CleanupWorkers.StartAsync(world, "disconnect-hook");
        Assert.True(await HubWorld.EventuallyAsync(async () => (await world.SingleConnectionAsync()).CleanupStatus == "done"), "the clean-up did not finish");
        await world.StopWorkerAsync(worker);

        Assert.Contains("Disconnected.", await (await browser.GetAsync($"/integrations/{c.Id}/disconnect")).Content.ReadAsStringAsync());
        Assert.Empty(JsonNode.Parse(await world.Sim.GetStringAsync("/_sim/hooks?provider=azure-devops"))!.AsArray());
    }
}
