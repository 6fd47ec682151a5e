namespace IntegrationHub.Tests.World;

/// <summary>
/// Disconnect and revoke as a script posts them (the page's antiforgery token, then the post), with the redirect to the
/// page followed as a browser would: the answer is the page showing where the clean-up stands. A refusal is returned as
/// it came.
/// </summary>
internal static class CleanupPosts
{
    public static async Task<HttpResponseMessage> DisconnectAsync(HttpClient browser, Guid connectionId)
    {
        string page = $"/integrations/{connectionId}/disconnect";
        return await FollowAsync(browser, await Forms.SubmitAsync(browser, page, null, new Dictionary<string, string>()));
    }

    public static async Task<HttpResponseMessage> RevokeAsync(HttpClient admin, Guid connectionId, string reason)
    {
        string page = $"/admin/connections/{connectionId}/revoke";
        return await FollowAsync(admin, await Forms.SubmitAsync(admin, page, null, new Dictionary<string, string> { ["reason"] = reason }));
    }

    private static async Task<HttpResponseMessage> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        if ((int)response.StatusCode is < 300 or > 399 || response.Headers.Location is not { } location)
        {
            return response;
        }

        response.Dispose();
        return await client.GetAsync(location);
    }
}
