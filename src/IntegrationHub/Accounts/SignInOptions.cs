namespace IntegrationHub.Accounts;

/// <summary>Settings under Hub:SignIn: how many sign-in attempts an address and an account get per window.</summary>
public sealed class SignInOptions
{
    public const string Section = "Hub:SignIn";

    public int WindowSeconds { get; set; } = 300;

    /// <summary>Sign-in posts per client address per window, whatever their outcome (each costs a password hash).</summary>
    public int PerAddress { get; set; } = 50;

    /// <summary>Failed sign-ins per e-mail address per window, known account or not, from any client address.</summary>
    public int PerAccount { get; set; } = 5;

    /// <summary>Identity's lockout after 10 failures in a row, shared by all web nodes through the database.</summary>
    public int LockoutMinutes { get; set; } = 15;
}
