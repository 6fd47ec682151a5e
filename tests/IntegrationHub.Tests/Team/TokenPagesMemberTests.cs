using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Team;

/// <summary>
/// The token pages (now on the circuit) show a member why there is no form, and an owner the form; the posts behind
/// them refuse a member anyway (MemberRefusalTests).
/// </summary>
public sealed class TokenPagesMemberTests
{
    [Fact]
    public async Task Members_see_the_owners_only_notice_instead_of_the_token_forms()
    {
        await using var w = await HubWorld.StartAsync();
        var s = await RoleSeed.CreateAsync(w);

        foreach (var (path, button) in new[]
        {
            ("/integrations/github/token", "token-connect"),
            ("/integrations/gitlab/token", "token-connect"),
            ("/integrations/azure-devops", "azure-connect"),
            ("/integrations/bitbucket-dc", "dc-continue"),
            ($"/integrations/{s.WebhookOnlyId}/token", "add-token"),
        })
        {
            string member = await s.Member.GetStringAsync(path), owner = await s.Owner.GetStringAsync(path);
            Assert.True(member.Contains("id=\"owners-only\"", StringComparison.Ordinal) && !member.Contains($"id=\"{button}\"", StringComparison.Ordinal),
                $"{path}: a member sees the form or no notice");
            Assert.True(owner.Contains($"id=\"{button}\"", StringComparison.Ordinal) && !owner.Contains("id=\"owners-only\"", StringComparison.Ordinal),
                $"{path}: an owner sees no form");
        }
    }
}
