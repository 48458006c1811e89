using System.Security.Cryptography.X509Certificates;
using Great.Web.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Great.Web.Security;

/// <summary>
/// The Data Protection keys (they sign every cookie and protect the roster connections' secrets) are kept in the
/// database, so every node of a scaled-out Great reads the cookies the others issued, and encrypted there with a
/// certificate given by configuration, so a copy of the database alone opens nothing. Outside Development the app
/// does not start without the certificate, unless a setting says on purpose that the keys may stay unencrypted.
/// </summary>
public static class KeyProtection
{
    public const string Section = "Security:DataProtection";

    public static IServiceCollection AddGreatDataProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection(Section);
        var builder = services.AddDataProtection().SetApplicationName("Great").PersistKeysToDbContext<GreatDbContext>();
        if (settings["CertificatePath"] is { Length: > 0 } path)
        {
            var certificate = Load(path, settings["CertificatePassword"]);
            builder.ProtectKeysWithCertificate(certificate);
            // Keys written under a certificate that has since been replaced stay readable while it is listed here.
            var previous = (settings.GetSection("PreviousCertificates").Get<PreviousCertificate[]>() ?? [])
                .Select(p => Load(p.Path, p.Password)).ToArray();
            if (previous.Length > 0) builder.UnprotectKeysWithAnyCertificate([certificate, .. previous]);
        }
        else if (!environment.IsDevelopment() && !settings.GetValue("AllowUnencryptedKeys", false))
        {
            throw new InvalidOperationException(
                "The Data Protection keys must be encrypted outside Development: set Security:DataProtection:CertificatePath to a " +
                ".pfx file with a private key (and Security:DataProtection:CertificatePassword), or set " +
                "Security:DataProtection:AllowUnencryptedKeys=true to keep them unencrypted on purpose. See README, Security.");
        }
        return services;
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path)) throw new InvalidOperationException($"Security:DataProtection: the certificate file {path} does not exist.");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey) throw new InvalidOperationException($"Security:DataProtection: the certificate {path} has no private key, so the keys could not be read back.");
        return certificate;
    }

    private sealed record PreviousCertificate(string Path, string? Password);
}
