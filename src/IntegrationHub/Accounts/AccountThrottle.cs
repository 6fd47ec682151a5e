using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Accounts;

/// <summary>
/// Throttles sign-in and sign-up per client address and per account (the e-mail typed, whether or not an account has
/// it, so the answer never tells the two apart). In memory per web node; Identity's lockout is the database-wide
/// backstop. The address is the one the forwarded-headers middleware settled on: a trusted proxy's client, or the peer.
/// </summary>
public sealed partial class AccountThrottle(IOptions<SignInOptions> signIn, IOptions<SignUpOptions> signUp, TimeProvider clock, ILogger<AccountThrottle> log)
{
    private readonly AttemptLimiter _signInAddress = new(signIn.Value.PerAddress, TimeSpan.FromSeconds(signIn.Value.WindowSeconds), clock);
    private readonly AttemptLimiter _signInAccount = new(signIn.Value.PerAccount, TimeSpan.FromSeconds(signIn.Value.WindowSeconds), clock);
    private readonly AttemptLimiter _signUpAddress = new(signUp.Value.PerAddress, TimeSpan.FromSeconds(signUp.Value.WindowSeconds), clock);
    private readonly AttemptLimiter _signUpEmail = new(signUp.Value.PerEmail, TimeSpan.FromSeconds(signUp.Value.WindowSeconds), clock);

    /// <summary>Counts a sign-in post; null when it may go on, else how long to wait.</summary>
    public TimeSpan? SignInAttempt(IPAddress? address, string email)
    {
        string from = AddressKey(address);
        if (_signInAddress.Take(from) is { } wait)
        {
            Throttled("sign-in", "address", from, wait);
            return wait;
        }

        if (_signInAccount.Check(AccountKey(email)) is { } accountWait)
        {
            Throttled("sign-in", "account", from, accountWait);
            return accountWait;
        }

        return null;
    }

    public void SignInFailed(string email) => _signInAccount.Take(AccountKey(email));

    /// <summary>Counts a sign-up post; null when it may go on, else how long to wait.</summary>
    public TimeSpan? SignUpAttempt(IPAddress? address, string email)
    {
        string from = AddressKey(address);
        var wait = _signUpAddress.Take(from) ?? _signUpEmail.Take(AccountKey(email));
        if (wait is { } w)
        {
            Throttled("sign-up", "address or e-mail", from, w);
        }

        return wait;
    }

    /// <summary>One key per IPv4 address and per IPv6 /64, the block a single subscriber usually holds.</summary>
    internal static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown"; // no peer address (a Unix socket without a trusted proxy): one bucket for all
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        byte[] bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static string AccountKey(string email) => email.Trim().ToUpperInvariant();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Throttled a {Action} from {Address} (per {Scope}) for {Wait}")]
    private partial void Throttled(string action, string scope, string address, TimeSpan wait);
}
