using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitLab;

/// <summary>
/// <c>GET /personal_access_tokens/self</c>: the personal (or project / group bot) access token the request carries, with
/// its scopes and expiry date. https://docs.gitlab.com/api/personal_access_tokens/ — what GitLab answers for an OAuth
/// token here is not documented; the simulator answers 404 (unverified).
/// </summary>
internal static class GitLabTokensApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/personal_access_tokens/self", (HttpContext c, SimStore store) =>
        {
            var token = Caller.Of(c).Token;
            if (!token.IsPersonal) return GitLabResponses.NotFound("Token");
            return GitLabResponses.Json(new JsonObject
            {
                ["id"] = Math.Abs(BitConverter.ToInt32(StableIds.From(token.Value).ToByteArray(), 0)),
                ["name"] = "simulator token",
                ["revoked"] = token.Revoked,
                ["created_at"] = Json.IsoMs(token.CreatedAt),
                ["description"] = null,
                ["scopes"] = new JsonArray([.. token.Scopes.Select(s => JsonValue.Create(s))]),
                ["user_id"] = token.UserId,
                ["last_used_at"] = Json.IsoMs(store.Now),
                ["active"] = token.IsValidAt(store.Now),
                // A date, not a time: GitLab tokens expire at midnight UTC on that day.
                ["expires_at"] = token.ExpiresAt?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            });
        });
    }
}
