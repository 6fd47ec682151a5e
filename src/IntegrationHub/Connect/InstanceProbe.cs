using System.Security.Authentication;
using IntegrationHub.Addresses;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Connect;

/// <summary>
/// Checks that a typed instance answers before the browser is sent there: a mistyped host or a closed port otherwise
/// ends on the browser's own error page, far from the hub, with nothing to say what went wrong. One cheap
/// unauthenticated GET on the API root (GitLab's /api/v4/version answers 401, GitHub Enterprise's /api/v3 and
/// Bitbucket's /2.0 answer too); any HTTP answer counts, only no answer at all is a problem. Goes through
/// <see cref="ProviderHttp"/>, so the address guard and a pasted CA bundle apply as for every other call.
/// </summary>
public sealed class InstanceProbe(ProviderHttp http)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Null when the instance answered; otherwise a <see cref="ConnectErrors"/> key.</summary>
    public async Task<string?> ProblemAsync(ProviderKind kind, Uri baseUrl, string? caBundlePem, CancellationToken ct)
    {
        string root = ProviderCatalog.For(kind).Descriptor.EndpointsFor(baseUrl).ApiRoot.AbsoluteUri.TrimEnd('/');
        var url = new Uri(kind == ProviderKind.GitLab ? root + "/version" : root);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            using var calls = ProviderCallScope.Begin(kind, ProviderOperations.Connect);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.UserAgent.ParseAdd("IntegrationHub"); // GitHub refuses requests without one
            using var response = await http.For(caBundlePem).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return null;
        }
        catch (HttpRequestException ex)
        {
            return KeyFor(ex);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ConnectErrors.Unreachable; // no answer within the timeout
        }
    }

    private static string KeyFor(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is AddressRefusedException)
            {
                return ConnectErrors.BaseUrlRefused;
            }

            if (e is AuthenticationException)
            {
                return ConnectErrors.CertificateUntrusted;
            }
        }

        return ConnectErrors.Unreachable;
    }
}
