using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Great.IntegrationTests.Security;

/// <summary>
/// The Data Protection keys (they sign the cookies and protect stored secrets) are encrypted in the database with the
/// configured certificate: another app on the same database without it reads nothing; outside Development the app
/// refuses to start without a certificate unless told on purpose.
/// </summary>
public class KeyProtectionTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "great-tests", $"keys-{Guid.NewGuid():N}");
    private readonly string _database = $"great_test_keys_{Guid.NewGuid():N}";
    private string ConnectionString => GreatAppFactory.OnPostgres ? GreatAppFactory.PostgresDatabase(_database) : $"Data Source={Path.Combine(_folder, "great.db")}";

    /// <summary>The app over the test's one database, with the given Security:DataProtection settings.</summary>
    private sealed class App(string connectionString, IReadOnlyDictionary<string, string?> settings) : GreatAppFactory
    {
        protected override bool StartsFromDemoTemplate => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Great", connectionString);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }

        public string Protect(string text) => Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect(text);

        public string Unprotect(string text) => Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(text);
    }

    private string Certificate(string name, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
#pragma warning disable RS0030 // a certificate's validity is checked by the operating system's clock, not the app's
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
#pragma warning restore RS0030
        var path = Path.Combine(_folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    private App WithCertificate(string path, string password) => new(ConnectionString, new Dictionary<string, string?>
    {
        ["Security:DataProtection:AllowUnencryptedKeys"] = "false",
        ["Security:DataProtection:CertificatePath"] = path,
        ["Security:DataProtection:CertificatePassword"] = password,
    });

    [Fact]
    public async Task Should_keep_the_keys_encrypted_and_unreadable_without_the_certificate()
    {
        var path = Certificate("great-keys", "pfx-Password-1");
        string secret;
        await using (var app = WithCertificate(path, "pfx-Password-1"))
        {
            secret = app.Protect("a roster connection's secret");
            var keys = await app.QueryAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("EncryptedData", xml);
                Assert.DoesNotContain("<value>", xml); // the key's bytes in clear are a <masterKey><value> element
            });
        }

        // The same database, without the certificate: the key is there and cannot be read.
        await using (var stranger = new App(ConnectionString, new Dictionary<string, string?> { ["Security:DataProtection:AllowUnencryptedKeys"] = "true" }))
        {
            Assert.ThrowsAny<CryptographicException>(() => stranger.Unprotect(secret));
        }

        // With the certificate again (a restart, another node): readable.
        await using (var node = WithCertificate(path, "pfx-Password-1"))
        {
            Assert.Equal("a roster connection's secret", node.Unprotect(secret));
        }
    }

    [Fact]
    public async Task Should_read_keys_of_a_replaced_certificate_while_it_is_listed_as_previous()
    {
        var old = Certificate("old-keys", "old-Password-1");
        string secret;
        await using (var app = WithCertificate(old, "old-Password-1")) secret = app.Protect("kept across a certificate change");

        var next = Certificate("new-keys", "new-Password-1");
        await using var renewed = new App(ConnectionString, new Dictionary<string, string?>
        {
            ["Security:DataProtection:AllowUnencryptedKeys"] = "false",
            ["Security:DataProtection:CertificatePath"] = next,
            ["Security:DataProtection:CertificatePassword"] = "new-Password-1",
            ["Security:DataProtection:PreviousCertificates:0:Path"] = old,
            ["Security:DataProtection:PreviousCertificates:0:Password"] = "old-Password-1",
        });
        Assert.Equal("kept across a certificate change", renewed.Unprotect(secret));
    }

    [Fact]
    public void Should_refuse_to_start_outside_development_without_a_certificate_and_say_how()
    {
        using var app = new App(ConnectionString, new Dictionary<string, string?> { ["Security:DataProtection:AllowUnencryptedKeys"] = "false" });
        var refused = Assert.Throws<InvalidOperationException>(() => app.Services);
        Assert.Contains("Security:DataProtection:CertificatePath", refused.Message);
        Assert.Contains("Security:DataProtection:AllowUnencryptedKeys=true", refused.Message);
    }

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (GreatAppFactory.OnPostgres) await GreatAppFactory.DropPostgresDatabaseAsync(_database);
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
