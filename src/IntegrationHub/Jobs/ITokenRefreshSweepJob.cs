using System.ComponentModel;

namespace IntegrationHub.Jobs;

/// <summary>Recurring "token-refresh": refresh the OAuth tokens that expire within the next minutes (Hub:Jobs:TokenRefreshAheadMinutes).</summary>
public interface ITokenRefreshSweepJob
{
    [DisplayName("Token refresh sweep")]
    Task RunAsync(CancellationToken ct);
}
