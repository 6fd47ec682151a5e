using System.Net;
using IntegrationHub.Local;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Foundation;

public sealed class DemoSeederTests
{
    [Fact]
    public async Task Lost_credentials_file_gets_new_passwords_that_sign_in()
    {
        await using var world = await HubWorld.StartAsync();
        string dataDir = Directory.CreateTempSubdirectory("ihub-demo-").FullName;
        try
        {
            var first = await SeedAsync(world.Hub, dataDir);
            File.Delete(Path.Combine(dataDir, "demo-credentials.json")); // the data folder lost the file; the database kept the users

            var second = await SeedAsync(world.Hub, dataDir);

            Assert.NotEqual(first.DemoPassword, second.DemoPassword);
            Assert.Equal(first.DemoTenantId, second.DemoTenantId);
            Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(world.Browser(), second.DemoEmail, second.DemoPassword)).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(world.Browser(), second.AdminEmail, second.AdminPassword)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Forms.SignInAsync(world.Browser(), first.DemoEmail, first.DemoPassword)).StatusCode); // refused: the form again
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Second_run_with_the_credentials_file_keeps_the_same_passwords()
    {
        await using var world = await HubWorld.StartAsync();
        string dataDir = Directory.CreateTempSubdirectory("ihub-demo-").FullName;
        try
        {
            var first = await SeedAsync(world.Hub, dataDir);

            var second = await SeedAsync(world.Hub, dataDir);

            Assert.Equal(first, second);
            Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(world.Browser(), second.DemoEmail, second.DemoPassword)).StatusCode);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task<DemoCredentials> SeedAsync(HubFactory hub, string dataDir)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider).SeedAsync(dataDir, CancellationToken.None);
    }
}
