namespace IntegrationHub.Data;

public static class HookStatus
{
    public const string Pending = "pending";
    public const string Registered = "registered";
    public const string Failed = "failed";
    public const string Disabled = "disabled";
    public const string Removing = "removing";
    public const string Removed = "removed";
}
