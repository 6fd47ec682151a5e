namespace IntegrationHub.Providers.GitHub;

/// <summary><c>GET /user/memberships/orgs/{org}</c>. https://docs.github.com/rest/orgs/members#get-an-organization-membership-for-the-authenticated-user</summary>
internal sealed class GitHubOrgMembershipDto
{
    /// <summary><c>active</c>, or <c>pending</c> while an invitation is not accepted.</summary>
    public string State { get; init; } = "";

    /// <summary><c>admin</c> (an owner) or <c>member</c>.</summary>
    public string Role { get; init; } = "";
}
