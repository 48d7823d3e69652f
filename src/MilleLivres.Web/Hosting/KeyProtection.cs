using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace MilleLivres.Web.Hosting;

/// <summary>
/// Data-protection keys (sign-in cookies, form tokens) are files in the data folder. With
/// <c>DataProtection:CertificatePath</c> (a PKCS#12 file, <c>DataProtection:CertificatePassword</c> if it has one) they
/// are encrypted with that certificate, so a copy of the folder (a backup) does not hand out the keys.
/// </summary>
public static class KeyProtection
{
    public const string CertificatePathKey = "DataProtection:CertificatePath";
    public const string CertificatePasswordKey = "DataProtection:CertificatePassword";

    public static void Configure(IDataProtectionBuilder builder, IConfiguration configuration)
    {
        var path = configuration[CertificatePathKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{CertificatePathKey} : le certificat « {path} » est introuvable.");
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[CertificatePasswordKey]);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidOperationException($"{CertificatePathKey} : le certificat « {path} » ne peut être lu ({e.Message}). Vérifiez {CertificatePasswordKey}.", e);
        }
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"{CertificatePathKey} : le certificat « {path} » ne contient pas de clé privée.");
        }
        builder.ProtectKeysWithCertificate(certificate);
    }
}

/// <summary>In Production, says loudly at start-up that the keys are stored unencrypted.</summary>
public sealed class KeyProtectionWarning(IConfiguration configuration, IHostEnvironment environment, ILogger<KeyProtectionWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.IsProduction() && string.IsNullOrWhiteSpace(configuration[KeyProtection.CertificatePathKey]))
        {
            logger.LogWarning(
                "Les clés de protection des données sont stockées en clair dans le dossier des données : définissez {Setting} (certificat PKCS#12) pour les chiffrer.",
                KeyProtection.CertificatePathKey);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
