namespace IntegrationHub.Accounts;

/// <summary>Settings under Hub:SignUp: who may create an account, and how often an address or e-mail may try.</summary>
public sealed class SignUpOptions
{
    public const string Section = "Hub:SignUp";

    public SignUpMode Mode { get; set; } = SignUpMode.Open;

    /// <summary>Invite mode: addresses that may sign up (case-insensitive).</summary>
    public List<string> AllowedEmails { get; set; } = [];

    /// <summary>Invite mode: domains whose addresses may sign up ("example.com"; subdomains are not included).</summary>
    public List<string> AllowedDomains { get; set; } = [];

    public int WindowSeconds { get; set; } = 3600;

    /// <summary>Sign-up posts per client address per window.</summary>
    public int PerAddress { get; set; } = 20;

    /// <summary>Sign-up posts per e-mail address per window.</summary>
    public int PerEmail { get; set; } = 5;

    public bool Admits(string email)
    {
        string e = email.Trim();
        return Mode switch
        {
            SignUpMode.Open => true,
            SignUpMode.Invite => AllowedEmails.Any(a => string.Equals(a.Trim(), e, StringComparison.OrdinalIgnoreCase))
                || (e.LastIndexOf('@') is var at and > 0
                    && AllowedDomains.Any(d => string.Equals(d.Trim().TrimStart('@'), e[(at + 1)..], StringComparison.OrdinalIgnoreCase))),
            _ => false,
        };
    }
}
