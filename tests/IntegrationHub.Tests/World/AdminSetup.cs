namespace IntegrationHub.Tests.World;

/// <summary>A revocation through the admin page as a person would do it (the admin from <see cref="HubWorld.SignedUpAdminAsync"/>).</summary>
internal static class AdminSetup
{
    public static async Task<string> RevokeAsync(HttpClient admin, Guid connectionId, string reason)
    {
        var response = await Forms.SubmitAsync(admin, $"/admin/connections/{connectionId}/revoke", "revoke",
            new Dictionary<string, string> { ["Input.Reason"] = reason });
        string html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Revoked.", html);
        return html;
    }
}
