using System.Net;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Team;

/// <summary>
/// A page on another site making the owner's browser post an action that carries nothing but its route (disconnect,
/// retry a clean-up, rotate or delete an outbound webhook, revoke an API key): the cookie is there, the antiforgery
/// token is not. Each must answer 400 and change nothing; the same posts with the page's token go through
/// (OwnerActionTests and the connect tests).
/// </summary>
public sealed class FormTokenTests
{
    [Fact]
    public async Task Owner_actions_posted_without_the_pages_token_are_refused_and_change_nothing()
    {
        await using var w = await HubWorld.StartAsync();
        var s = await RoleSeed.CreateAsync(w);
        var before = await TeamSteps.FingerprintAsync(w);

        foreach (string action in new[]
        {
            $"/integrations/{s.WebhookOnlyId}/disconnect",
            $"/integrations/{s.ConnectionId}/disconnect",
            $"/integrations/{s.ConnectionId}/retry-cleanup",
            $"/settings/webhooks/{s.SubscriptionId}/rotate",
            $"/settings/webhooks/{s.SubscriptionId}/delete",
            $"/settings/api-keys/{s.ApiKeyId}/revoke",
        })
        {
            using var forged = await s.Owner.PostAsync(action, new FormUrlEncodedContent([]));
            Assert.True(HttpStatusCode.BadRequest == forged.StatusCode, $"{action} answered {(int)forged.StatusCode}");
            Assert.Contains("reload the page", await forged.Content.ReadAsStringAsync());
        }

        Assert.Equal(before, await TeamSteps.FingerprintAsync(w));
    }
}
