namespace IntegrationHub.Cli;

/// <summary>The CLI's exit codes, stable for scripts.</summary>
internal static class ExitCodes
{
    /// <summary>Done (including a payload the hub would ignore: that is an answer, not a failure).</summary>
    public const int Ok = 0;

    /// <summary>The payload could not be read: not JSON, or missing what its event needs.</summary>
    public const int UnreadablePayload = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;

    /// <summary>The hub refused the request (a wrong key, a missing scope, an unknown event, a rate limit): the message says which.</summary>
    public const int HubRefused = 3;

    /// <summary>The hub could not be reached.</summary>
    public const int Unreachable = 4;
}
