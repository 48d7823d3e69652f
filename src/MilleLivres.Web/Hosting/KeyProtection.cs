using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using MilleLivres.Core.Data;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace MilleLivres.Web.Hosting;

/// <summary>
/// Data-protection keys (sign-in cookies, form tokens) are rows of the database, shared by every instance (ADR 0920).
/// With <c>DataProtection:CertificatePath</c> (a PKCS#12 file, <c>DataProtection:CertificatePassword</c> if it has one)
/// they are encrypted with that certificate, so a copy of the database (a backup) does not hand out the keys.
/// </summary>
public static class KeyProtection
{
    public const string CertificatePathKey = "DataProtection:CertificatePath";
    public const string CertificatePasswordKey = "DataProtection:CertificatePassword";

    /// <summary>
    /// Read when the options are first used, not when services are registered: a test host (or a later configuration
    /// source) adds its settings after registration.
    /// </summary>
    public static void Configure(IServiceCollection services)
    {
        services.AddSingleton<KeyCertificate>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            if (sp.GetRequiredService<KeyCertificate>().Certificate is { } certificate)
            {
                o.XmlEncryptor = new CertificateKeyEncryptor(certificate, sp.GetRequiredService<ILoggerFactory>());
            }
        }));
    }

    /// <summary>Where versions before ADR 0920 kept the keys, one XML file each, under the data folder.</summary>
    public const string LegacyKeyFolderName = "keys";

    /// <summary>
    /// Once, into a database that holds no key: the key files an earlier version wrote in the data folder, as they are
    /// (still encrypted if they were), so sign-ins and form tokens made before the upgrade keep working.
    /// </summary>
    public static async Task<int> ImportKeyFilesAsync(AppDbContext db, string dataDirectory, CancellationToken ct)
    {
        var folder = new DirectoryInfo(Path.Combine(dataDirectory, LegacyKeyFolderName));
        if (!folder.Exists || await db.DataProtectionKeys.AnyAsync(ct))
        {
            return 0;
        }
        var files = folder.GetFiles("*.xml");
        foreach (var file in files)
        {
            var element = XElement.Parse(await File.ReadAllTextAsync(file.FullName, ct));
            db.DataProtectionKeys.Add(new DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file.Name),
                Xml = element.ToString(SaveOptions.DisableFormatting),
            });
        }
        await db.SaveChangesAsync(ct);
        return files.Length;
    }

    internal static X509Certificate2? Load(IConfiguration configuration)
    {
        var path = configuration[CertificatePathKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
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
        return certificate;
    }
}

/// <summary>The key-encryption certificate, loaded once.</summary>
public sealed class KeyCertificate(IConfiguration configuration)
{
    private readonly Lazy<X509Certificate2?> _certificate = new(() => KeyProtection.Load(configuration));

    public X509Certificate2? Certificate => _certificate.Value;
}

/// <summary>In Production, says loudly at start-up that the keys are stored unencrypted.</summary>
public sealed class KeyProtectionWarning(IConfiguration configuration, IHostEnvironment environment, ILogger<KeyProtectionWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.IsProduction() && string.IsNullOrWhiteSpace(configuration[KeyProtection.CertificatePathKey]))
        {
            logger.LogWarning(
                "Les clés de protection des données sont stockées en clair dans la base de données : définissez {Setting} (certificat PKCS#12) pour les chiffrer.",
                KeyProtection.CertificatePathKey);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// ASP.NET Core's certificate encryption, with a decryptor that takes the certificate from this app's settings (the
/// built-in one only knows certificates given when services are registered, or those of the machine's store).
/// </summary>
public sealed class CertificateKeyEncryptor(X509Certificate2 certificate, ILoggerFactory loggerFactory) : IXmlEncryptor
{
    private readonly CertificateXmlEncryptor _inner = new(certificate, loggerFactory);

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(_inner.Encrypt(plaintextElement).EncryptedElement, typeof(CertificateKeyDecryptor));
}

/// <summary>Decrypts keys written by <see cref="CertificateKeyEncryptor"/> with the configured certificate's private key.</summary>
public sealed class CertificateKeyDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var certificate = services.GetRequiredService<KeyCertificate>().Certificate
            ?? throw new InvalidOperationException($"Les clés sont chiffrées : définissez {KeyProtection.CertificatePathKey} pour les lire.");
        var document = new XmlDocument();
        document.Load(new XElement("root", encryptedElement).CreateReader());
        new WithCertificate(document, certificate).DecryptDocument();
        return XElement.Load(document.DocumentElement!.FirstChild!.CreateNavigator()!.ReadSubtree());
    }

    private sealed class WithCertificate(XmlDocument document, X509Certificate2 certificate) : EncryptedXml(document)
    {
        public override byte[]? DecryptEncryptedKey(EncryptedKey encryptedKey)
        {
            using var key = certificate.GetRSAPrivateKey() ?? throw new CryptographicException("Le certificat n'a pas de clé privée RSA.");
            return DecryptKey(encryptedKey.CipherData.CipherValue!, key, encryptedKey.EncryptionMethod?.KeyAlgorithm == XmlEncRSAOAEPUrl);
        }
    }
}
