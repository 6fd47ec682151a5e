using IntegrationHub.Data;
using IntegrationHub.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace IntegrationHub.Dashboard;

/// <summary>
/// One dashboard operation in a service scope of its own, as one HTTP request would have: its own DbContext and
/// services, with the signed-in person's <see cref="TenantScope"/> copied in. An interactive page lives as long as its
/// circuit, and a refresh timer and a click may overlap; one DbContext shared between them fails, and its tracked
/// entities would go stale.
/// </summary>
public sealed class PageWork(IServiceScopeFactory scopes, TenantScope scope)
{
    public async Task<T> RunAsync<TService, T>(Func<TService, Task<T>> work) where TService : notnull
    {
        await using var inner = scopes.CreateAsyncScope();
        inner.ServiceProvider.GetRequiredService<TenantScope>().CopyFrom(scope);
        return await work(inner.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task RunAsync<TService>(Func<TService, Task> work) where TService : notnull
    {
        await using var inner = scopes.CreateAsyncScope();
        inner.ServiceProvider.GetRequiredService<TenantScope>().CopyFrom(scope);
        await work(inner.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>
    /// An owner's action: the service checks the role itself (Tenancy/OwnerOnly), and its refusal is said in a snackbar
    /// instead of ending the circuit. Done is false when refused.
    /// </summary>
    public async Task<(bool Done, T? Value)> AsOwnerAsync<TService, T>(ISnackbar snackbar, Func<TService, Task<T>> work) where TService : notnull
    {
        try
        {
            return (true, await RunAsync(work));
        }
        catch (OwnerOnlyException ex)
        {
            snackbar.Add(ex.Message, Severity.Error);
            return (false, default);
        }
    }
}
