using IntegrationHub.Addresses;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Tests.Addresses;

/// <summary>The rules for outbound webhook targets, without a hub.</summary>
public sealed class TargetUrlGuardTests
{
    [Theory]
    [InlineData("https://203.0.113.10/hooks/hub?token=abc&team=a", "https://203.0.113.10/hooks/hub?token=abc&team=a")]
    [InlineData("https://203.0.113.10", "https://203.0.113.10/")]
    public async Task Keeps_path_and_query_of_a_public_https_url(string input, string expected)
    {
        var (url, error) = await Guard(new SecurityOptions()).CheckAsync(input, CancellationToken.None);
        Assert.Null(error);
        Assert.Equal(expected, url!.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://user:pass@203.0.113.10/hooks", "user name")]
    [InlineData("https://203.0.113.10/hooks#frag", "fragment")]
    [InlineData("http://203.0.113.10/hooks", "https://")]
    [InlineData("https://127.0.0.1/hooks", "private")]
    [InlineData("https://[::ffff:10.0.0.1]/hooks", "private")]
    [InlineData("ftp://203.0.113.10/hooks", "https://")]
    [InlineData("hooks.example.com/path", "full address")]
    public async Task Refuses_what_a_target_must_not_be(string input, string words)
    {
        var (url, error) = await Guard(new SecurityOptions()).CheckAsync(input, CancellationToken.None);
        Assert.Null(url);
        Assert.Contains(words, error);
    }

    [Fact]
    public async Task Allow_list_admits_a_loopback_receiver_on_its_port_only()
    {
        var guard = Guard(new SecurityOptions { AllowHttpBaseUrls = true, AllowedPrivateHosts = ["127.0.0.1:5095"] });

        Assert.NotNull((await guard.CheckAsync("http://127.0.0.1:5095/hooks?x=1", CancellationToken.None)).Url);
        Assert.Null((await guard.CheckAsync("http://127.0.0.1:5432/hooks", CancellationToken.None)).Url);
    }

    private static TargetUrlGuard Guard(SecurityOptions o) => new(new BaseUrlGuard(Options.Create(o)), Options.Create(o));
}
