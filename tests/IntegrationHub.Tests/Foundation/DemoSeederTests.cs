using System.Net;
using IntegrationHub.Local;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Foundation;

public sealed class DemoSeederTests
{
    [Fact]
    public async Task Lost_credentials_file_gets_new_passwords_that_sign_in()
    {
        await using var hub = new HubFactory(await TestPostgres.CreateDatabaseAsync());
        string dataDir = Directory.CreateTempSubdirectory("ihub-demo-").FullName;
        try
        {
            var first = await SeedAsync(hub, dataDir);
            File.Delete(Path.Combine(dataDir, "demo-credentials.json")); // the data folder lost the file; the database kept the users

            var second = await SeedAsync(hub, dataDir);

            Assert.NotEqual(first.DemoPassword, second.DemoPassword);
            Assert.Equal(first.DemoTenantId, second.DemoTenantId);
            Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(hub.Browser(), second.DemoEmail, second.DemoPassword)).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(hub.Browser(), second.AdminEmail, second.AdminPassword)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Forms.SignInAsync(hub.Browser(), first.DemoEmail, first.DemoPassword)).StatusCode); // refused: the form again
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Second_run_with_the_credentials_file_keeps_the_same_passwords()
    {
        await using var hub = new HubFactory(await TestPostgres.CreateDatabaseAsync());
        string dataDir = Directory.CreateTempSubdirectory("ihub-demo-").FullName;
        try
        {
            var first = await SeedAsync(hub, dataDir);

            var second = await SeedAsync(hub, dataDir);

            Assert.Equal(first, second);
            Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(hub.Browser(), second.DemoEmail, second.DemoPassword)).StatusCode);
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
