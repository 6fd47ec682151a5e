using System.Net;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Foundation;

/// <summary>
/// A page load fetches several of the build's static assets (MudBlazor's bundle, blazor.web.js, app.css): those
/// requests read no tenant scope, so a signed-in person's asset requests run no database command; pages still do.
/// </summary>
public sealed class StaticAssetScopeTests
{
    [Fact]
    public async Task A_signed_in_static_asset_request_runs_no_database_command_and_a_page_still_resolves_the_scope()
    {
        await using var world = await HubWorld.StartAsync();
        var browser = world.Browser();
        await Forms.SignUpAsync(browser, "ada@example.test", "Engines");
        using var recorder = new SqlRecorder();

        var pageTrace = SqlRecorder.Trace(browser);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        Assert.Contains(recorder.Commands(pageTrace), sql => sql.Contains("FROM memberships", StringComparison.Ordinal));

        var assetTrace = SqlRecorder.Trace(browser);
        var asset = await browser.GetAsync("/_content/IntegrationHub/app.css");
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Contains("components-reconnect-modal", await asset.Content.ReadAsStringAsync());
        Assert.Empty(recorder.Commands(assetTrace));
    }
}
