namespace IntegrationHub.Tests.World;

/// <summary>A revocation as an admin's script makes it (the admin from <see cref="HubWorld.SignedUpAdminAsync"/>): the revoke page it answers with.</summary>
internal static class AdminSetup
{
    public static async Task<string> RevokeAsync(HttpClient admin, Guid connectionId, string reason)
    {
        using var response = await CleanupPosts.RevokeAsync(admin, connectionId, reason);
        string html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Revoked.", html);
        return html;
    }
}
