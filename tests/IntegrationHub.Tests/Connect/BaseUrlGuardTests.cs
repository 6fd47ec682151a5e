using IntegrationHub.Addresses;
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
    [InlineData("64:ff9b::7f00:1")]         // NAT64 of 127.0.0.1
    [InlineData("64:ff9b::a9fe:a9fe")]      // NAT64 of 169.254.169.254, the cloud metadata address
    [InlineData("64:ff9b::10.1.2.3")]
    [InlineData("64:ff9b:1::8c52:7003")]    // local-use NAT64 prefix: a translator on the hub's own network
    [InlineData("2002:c0a8:101::1")]        // 6to4 of 192.168.1.1
    [InlineData("2002:7f00:1::")]           // 6to4 of 127.0.0.1
    [InlineData("::10.0.0.1")]              // IPv4-compatible (deprecated)
    public async Task Private_addresses_are_refused(string host)
    {
        var guard = new BaseUrlGuard(Options.Create(new SecurityOptions()));
        Assert.NotNull(await guard.RefusalAsync(host, 443, CancellationToken.None));
    }

    [Theory]
    [InlineData("140.82.112.3")]
    [InlineData("2606:4700::1111")]
    [InlineData("64:ff9b::8c52:7003")]      // NAT64 of 140.82.112.3
    [InlineData("2002:8c52:7003::1")]       // 6to4 of 140.82.112.3
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
