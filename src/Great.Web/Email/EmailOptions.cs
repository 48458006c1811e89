namespace Great.Web.Email;

/// <summary>Configuration section "Email". Without Smtp:Host, messages are written as .eml files to the pickup folder.</summary>
public sealed class EmailOptions
{
    public SmtpOptions Smtp { get; set; } = new();
    public string From { get; set; } = "Great <no-reply@great.example.org>";
    public string PickupFolder { get; set; } = "App_Data/mail-pickup";
    public int MaxAttempts { get; set; } = 5;
    public int BatchSize { get; set; } = 100;
    /// <summary>The address people use to reach Great, for the links in emails.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5070";

    public sealed class SmtpOptions
    {
        public string? Host { get; set; }
        public int Port { get; set; } = 25;
        /// <summary>None, StartTls, StartTlsWhenAvailable, SslOnConnect or Auto (MailKit's SecureSocketOptions).</summary>
        public string Security { get; set; } = "StartTlsWhenAvailable";
        public string? User { get; set; }
        public string? Password { get; set; }
    }
}
