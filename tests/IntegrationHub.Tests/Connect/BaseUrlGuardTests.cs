using IntegrationHub.Connect;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Tests.Connect;

/// <summary>The guard's address rules, without a hub.</summary>
public sealed class BaseUrlGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.5.4")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]
    public async Task Private_addresses_are_refused(string host)
    {
        var guard = new BaseUrlGuard(Options.Create(new SecurityOptions()));
        Assert.NotNull(await guard.RefusalAsync(host, 443, CancellationToken.None));
    }

    [Theory]
    [InlineData("140.82.112.3")]
    [InlineData("2606:4700::1111")]
    public async Task Public_addresses_are_allowed(string host)
    {
        var guard = new BaseUrlGuard(Options.Create(new SecurityOptions()));
        Assert.Null(await guard.RefusalAsync(host, 443, CancellationToken.None));
    }

    [Fact]
    public async Task Allow_list_admits_a_private_host_on_its_port_only()
    {
        var guard = new BaseUrlGuard(Options.Create(new SecurityOptions { AllowedPrivateHosts = ["127.0.0.1:5090"], AllowHttpBaseUrls = true }));

        Assert.NotNull((await guard.CheckAsync("http://127.0.0.1:5090/gitlab", CancellationToken.None)).Url);
        Assert.Null((await guard.CheckAsync("http://127.0.0.1:5432", CancellationToken.None)).Url);
    }
}
