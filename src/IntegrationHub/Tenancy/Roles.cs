namespace IntegrationHub.Tenancy;

public static class Roles
{
    public const string Owner = "owner";
    public const string Member = "member";
}
