namespace IntegrationHub.Accounts;

public enum SignUpMode
{
    /// <summary>Anyone may create an account and a tenant.</summary>
    Open,

    /// <summary>Nobody may: accounts come from the operator (the demo seeder, for instance).</summary>
    Closed,

    /// <summary>Only the e-mail addresses or domains listed in the settings.</summary>
    Invite,
}
