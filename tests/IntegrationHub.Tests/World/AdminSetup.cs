using IntegrationHub.Tests.World;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests.World;

/// <summary>A platform admin signed in, and a revocation through the admin page as a person would do it.</summary>
internal static class AdminSetup
{
    public static async Task<HttpClient> SignUpAdminAsync(HubWorld world, string email = "root@ops.test")
    {
        var admin = await world.SignedUpAsync(email, "Operations");
        await using var db = TestDb.Create(world.ConnectionString, tenantId: null);
        await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsPlatformAdmin, true));
        return admin;
    }

    public static async Task<string> RevokeAsync(HttpClient admin, Guid connectionId, string reason)
    {
        var response = await Forms.SubmitAsync(admin, $"/admin/connections/{connectionId}/revoke", "revoke",
            new Dictionary<string, string> { ["Input.Reason"] = reason });
        string html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Revoked.", html);
        return html;
    }
}
