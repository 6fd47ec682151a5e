using Microsoft.Extensions.Logging;

namespace IntegrationHub.Team;

internal static partial class TeamLog
{
    // The delivery channel while no mail server exists: this one line and the owner's page. The link is logged
    // nowhere else (no request log, no audit detail).
    [LoggerMessage(Level = LogLevel.Information, Message = "Invitation to {Tenant} for {Email}: {Link} (no mail server configured)")]
    public static partial void InvitationLink(ILogger logger, string tenant, string email, string link);
}
