using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Options;

/// <summary>The "Packing" section of appsettings.json: cartons, packing slip fonts and the address printed in QR codes.</summary>
public sealed class PackingOptions
{
    public const string Section = "Packing";

    /// <summary>Most books in one carton. No size is published by Biblionef; 40 makes 25 cartons for 1000 books.</summary>
    public int CartonCapacity { get; set; } = 40;

    /// <summary>Folder holding the TrueType fonts embedded in the PDFs (Debian's DejaVu by default).</summary>
    public string FontDirectory { get; set; } = "/usr/share/fonts/truetype/dejavu";

    public string RegularFontFile { get; set; } = "DejaVuSans.ttf";

    public string BoldFontFile { get; set; } = "DejaVuSans-Bold.ttf";

    /// <summary>Address of the app as coordinators reach it, e.g. https://millelivres.example.org; QR codes on labels point there.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    public string RegularFontPath => Path.GetFullPath(Path.Combine(FontDirectory, RegularFontFile));

    public string BoldFontPath => Path.GetFullPath(Path.Combine(FontDirectory, BoldFontFile));

    /// <summary>The receipt page of one carton, fixed now so the labels printed today stay valid.</summary>
    public string ReceiptUrl(string cartonCode) => $"{PublicBaseUrl.TrimEnd('/')}/Coordinator/Receipt/{cartonCode}";
}

public sealed class PackingOptionsValidator : IValidateOptions<PackingOptions>
{
    public const int MaxCartonCapacity = 500;

    public ValidateOptionsResult Validate(string? name, PackingOptions options)
    {
        var failures = new List<string>();
        if (options.CartonCapacity is < 1 or > MaxCartonCapacity)
        {
            failures.Add($"Packing:CartonCapacity doit être un nombre de livres entre 1 et {MaxCartonCapacity} (valeur actuelle : {options.CartonCapacity}).");
        }
        if (string.IsNullOrWhiteSpace(options.FontDirectory))
        {
            failures.Add("Packing:FontDirectory est obligatoire (dossier des polices TrueType, par exemple « /usr/share/fonts/truetype/dejavu »).");
        }
        else
        {
            foreach (var (key, file) in new[] { ("RegularFontFile", options.RegularFontFile), ("BoldFontFile", options.BoldFontFile) })
            {
                if (string.IsNullOrWhiteSpace(file))
                {
                    failures.Add($"Packing:{key} est obligatoire (nom du fichier de police, par exemple « DejaVuSans.ttf »).");
                }
                else if (!File.Exists(Path.Combine(options.FontDirectory, file)))
                {
                    failures.Add($"Police introuvable : « {Path.Combine(options.FontDirectory, file)} ». Installez les polices DejaVu (paquet fonts-dejavu-core) ou corrigez Packing:FontDirectory / Packing:{key}.");
                }
            }
        }
        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            failures.Add($"Packing:PublicBaseUrl doit être une adresse http(s) complète, par exemple « https://millelivres.example.org » (valeur actuelle : « {options.PublicBaseUrl} »).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
