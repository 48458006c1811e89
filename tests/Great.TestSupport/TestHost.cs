using System.Net;
using System.Net.Sockets;

namespace Great.TestSupport;

/// <summary>What every app a test starts is set to, in process or as a process of its own.</summary>
public static class TestHost
{
    /// <summary>
    /// On the pinned day (<see cref="TestClock"/>); no job server (tests run the jobs they mean
    /// to, so no background run races them); the security settings a deployment keeps (README, Security) eased —
    /// the security tests set them back.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>(TestClock.Settings)
    {
        ["Hangfire:Server"] = "false",
        ["Hangfire:Logging"] = "false",
        ["Security:DataProtection:AllowUnencryptedKeys"] = "true",
        ["Security:TwoFactor:RequiredFor"] = "",
        ["Security:RateLimits:SignInPerMinute"] = "100000",
        ["Security:RateLimits:ImportsPerMinute"] = "100000",
    };

    /// <summary>A loopback port nobody listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
