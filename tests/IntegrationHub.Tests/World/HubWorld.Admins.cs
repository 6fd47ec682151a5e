namespace IntegrationHub.Tests.World;

/// <summary>Platform administrators, as the operator makes them (the flag set in the database, not through a page).</summary>
public sealed partial class HubWorld
{
    /// <summary>Signs a person up (with a tenant of their own) in a fresh browser and makes them a platform administrator.</summary>
    public async Task<HttpClient> SignedUpAdminAsync(string email = "root@ops.test")
    {
        var browser = await SignedUpAsync(email, "Operations " + Guid.NewGuid().ToString("N")[..6]);
        await ExecAsync("UPDATE users SET is_platform_admin = true WHERE email = $1", email);
        return browser;
    }
}
