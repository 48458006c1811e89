using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Great.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server on loopback: Debian's aiosmtpd, writing each message it accepts into a Maildir.
/// It can be stopped and started again on the same port, to test what the app does while mail is down.
/// </summary>
public sealed class SmtpServer : IDisposable
{
    private Process? _process;

    public int Port { get; } = TestHost.FreePort();
    public string Maildir { get; } = Directory.CreateTempSubdirectory("great-smtp-").FullName;

    public SmtpServer()
    {
        foreach (var sub in new[] { "tmp", "new", "cur" }) Directory.CreateDirectory(Path.Combine(Maildir, sub));
    }

    public async Task StartAsync()
    {
        if (_process is { HasExited: false }) return;
        var start = new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir])
        {
            RedirectStandardError = true, RedirectStandardOutput = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start");
        await Eventually.HoldsAsync(async () =>
        {
            if (_process.HasExited) throw new InvalidOperationException("aiosmtpd exited: " + await _process.StandardError.ReadToEndAsync());
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(15), $"aiosmtpd listening on {Port}");
    }

    public void Stop()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.WaitForExit(5000);
        _process?.Dispose();
        _process = null;
    }

    public IReadOnlyList<MimeMessage> Received() =>
        Directory.GetFiles(Path.Combine(Maildir, "new")).Select(f => MimeMessage.Load(f)).ToList();

    public void Dispose()
    {
        Stop();
        try { Directory.Delete(Maildir, recursive: true); } catch (IOException) { }
    }
}
